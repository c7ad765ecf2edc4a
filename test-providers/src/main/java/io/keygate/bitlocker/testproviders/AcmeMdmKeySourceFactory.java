package io.keygate.bitlocker.testproviders;

import io.keygate.bitlocker.keysource.KeySourceProvider;
import io.keygate.bitlocker.keysource.KeySourceProviderFactory;
import io.keygate.bitlocker.keysource.KeySourceUnavailableException;
import io.keygate.bitlocker.model.DeviceModel;
import io.keygate.bitlocker.model.RecoveryKeyModel;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;

/**
 * An operator's own MDM as a key source ({@code acme-mdm}): it holds its keys itself, takes no agent
 * escrow and cannot rotate.
 */
public class AcmeMdmKeySourceFactory implements KeySourceProviderFactory {

    public static final String ID = "acme-mdm";

    @Override
    public KeySourceProvider create(KeycloakSession session) {
        return new KeySourceProvider() {
            @Override
            public boolean acceptsAgentEscrow() {
                return false;
            }

            @Override
            public boolean canRotate() {
                return false;
            }

            @Override
            public boolean syncsMetadata() {
                return false;
            }

            @Override
            public String recoveryPassword(RealmModel realm, DeviceModel device, RecoveryKeyModel key)
                    throws KeySourceUnavailableException {
                throw new KeySourceUnavailableException("ACME MDM is a test double and holds no keys.");
            }

            @Override
            public void requestRotation(RealmModel realm, DeviceModel device) throws KeySourceUnavailableException {
                throw new KeySourceUnavailableException("ACME MDM cannot rotate keys.");
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
