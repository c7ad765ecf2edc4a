package io.keygate.bitlocker.keysource;

import java.util.Optional;

import io.keygate.bitlocker.config.BitLockerConfig;
import org.keycloak.models.KeycloakSessionFactory;

/**
 * A key source factory whose metadata is synchronised into the extension's tables on a schedule
 * ({@link MetadataSyncWork} calls it on one node of a cluster at a time).
 */
public interface SynchronisedKeySource {

    /** The factory of the key source {@code keySource} names (a realm's {@code keySource}), if it is one that syncs. */
    static Optional<SynchronisedKeySource> of(KeycloakSessionFactory factory, String keySource) {
        return keySource != null && factory.getProviderFactory(KeySourceProvider.class, keySource)
                instanceof SynchronisedKeySource source ? Optional.of(source) : Optional.empty();
    }

    /** The realm's own sync interval, from the source's section of its configuration. */
    long syncIntervalMillis(BitLockerConfig config);

    /**
     * Starts a run of the realm's sync when one is due (or resumes a stopped one after {@code retryMillis}) and
     * works for at most {@code sliceMillis}; what is left continues at the next call.
     */
    void synchronise(KeycloakSessionFactory factory, String realmId, long intervalMillis, long retryMillis, long sliceMillis);
}
