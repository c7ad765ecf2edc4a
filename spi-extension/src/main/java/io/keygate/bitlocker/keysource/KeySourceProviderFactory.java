package io.keygate.bitlocker.keysource;

import io.keygate.bitlocker.config.BitLockerConfig;
import io.keygate.bitlocker.config.ConfigValidationException;
import org.keycloak.models.RealmModel;
import org.keycloak.provider.ProviderFactory;

/** A key source; its id is a valid {@code keySource}. */
public interface KeySourceProviderFactory extends ProviderFactory<KeySourceProvider> {

    /** Checks this source's own section of a configuration document before it is stored. */
    default void validate(BitLockerConfig config) throws ConfigValidationException {
    }

    /**
     * The same check for a document about to be stored in {@code realm}, where the section may name what the realm
     * holds (Active Directory's {@code ldapComponent}).
     */
    default void validate(BitLockerConfig config, RealmModel realm) throws ConfigValidationException {
        validate(config);
    }
}
