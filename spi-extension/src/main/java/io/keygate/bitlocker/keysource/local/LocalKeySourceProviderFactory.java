package io.keygate.bitlocker.keysource.local;

import io.keygate.bitlocker.config.BitLockerConfig;
import io.keygate.bitlocker.jpa.DeviceEntity;
import io.keygate.bitlocker.jpa.RecoveryKeyEntity;
import io.keygate.bitlocker.keysource.KeySourceProvider;
import io.keygate.bitlocker.keysource.KeySourceProviderFactory;
import io.keygate.bitlocker.keysource.KeySourceUnavailableException;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;

/** The {@code local} key source: keys escrowed by device agents into the realm's vault. */
public class LocalKeySourceProviderFactory implements KeySourceProviderFactory {

    public static final String ID = BitLockerConfig.KEY_SOURCE_LOCAL;

    @Override
    public KeySourceProvider create(KeycloakSession session) {
        return new KeySourceProvider() {
            @Override
            public String recoveryPassword(RealmModel realm, BitLockerConfig config, DeviceEntity device,
                    RecoveryKeyEntity key) throws KeySourceUnavailableException {
                return LocalVault.open(session, realm, config).open(key, device.getDeviceId());
            }

            @Override
            public void requestRotation(RealmModel realm, BitLockerConfig config, DeviceEntity device) {
                // The agent is told at its next check-in (rotationRequested:true).
            }
        };
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return ID;
    }
}
