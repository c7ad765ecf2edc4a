package io.keygate.bitlocker.model;

import java.util.List;

import org.keycloak.cluster.ClusterEvent;

/**
 * Something cached by realm changed and the change committed: every node drops its copies ({@link NodeCache}).
 * Sent through Keycloak's {@code ClusterProvider}; marshalled with ProtoStream ({@link CacheEventsSchema}), as
 * Keycloak's own cluster events are.
 *
 * @param cache the {@link NodeCache#name() cache}; {@code null}: every cache (a removed realm, or a node of an
 *              earlier version, whose event named the configuration only)
 * @param ids   the entries of the realm; empty: all of them
 */
public record CacheInvalidationEvent(String realmId, String cache, List<String> ids) implements ClusterEvent {

    /** The cluster provider's task key of these events (the name under which the configuration's were sent). */
    public static final String TASK_KEY = "keygate.bitlocker.config-changed";

    public CacheInvalidationEvent {
        ids = ids == null ? List.of() : List.copyOf(ids);
    }
}
