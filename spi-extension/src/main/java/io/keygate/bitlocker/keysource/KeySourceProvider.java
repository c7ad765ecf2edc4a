package io.keygate.bitlocker.keysource;

import io.keygate.bitlocker.config.BitLockerConfig;
import io.keygate.bitlocker.jpa.DeviceEntity;
import io.keygate.bitlocker.jpa.RecoveryKeyEntity;
import org.keycloak.models.RealmModel;
import org.keycloak.provider.Provider;

/** One source of recovery keys. Key material is fetched only at release time and never stored by callers. */
public interface KeySourceProvider extends Provider {

    /**
     * The recovery password of a key, for a release that has passed every check.
     *
     * @throws KeySourceUnavailableException when the source cannot produce it (no usable KEK,
     *         remote source down, key gone at the source)
     */
    String recoveryPassword(RealmModel realm, BitLockerConfig config, DeviceEntity device, RecoveryKeyEntity key)
            throws KeySourceUnavailableException;

    /**
     * Asks the device to rotate its recovery password. The local source has nothing to call: its
     * agent learns of the request at its next check-in.
     */
    void requestRotation(RealmModel realm, BitLockerConfig config, DeviceEntity device) throws KeySourceUnavailableException;

    @Override
    default void close() {
    }
}
