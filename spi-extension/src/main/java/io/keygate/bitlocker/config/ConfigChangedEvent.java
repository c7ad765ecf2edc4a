package io.keygate.bitlocker.config;

import org.keycloak.cluster.ClusterEvent;

/**
 * A realm's configuration document changed and the change committed: every node drops its cached copy
 * ({@link RealmConfigCache}). Sent through Keycloak's {@code ClusterProvider}; marshalled with ProtoStream
 * ({@link ConfigEventsSchema}), as Keycloak's own cluster events are.
 */
public record ConfigChangedEvent(String realmId) implements ClusterEvent {

    /** The cluster provider's task key of these events. */
    public static final String TASK_KEY = "keygate.bitlocker.config-changed";
}
