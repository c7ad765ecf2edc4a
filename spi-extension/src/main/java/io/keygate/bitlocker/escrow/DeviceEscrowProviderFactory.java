package io.keygate.bitlocker.escrow;

import io.keygate.bitlocker.keysource.EscrowWriteProvider;
import io.keygate.bitlocker.keysource.EscrowWriteProviderFactory;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;

/** Provides {@link DeviceEscrow} to the key sources that synchronise devices, below this package. */
public class DeviceEscrowProviderFactory implements EscrowWriteProviderFactory {

    @Override
    public EscrowWriteProvider create(KeycloakSession session) {
        return new SynchronisedEscrow(session);
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
        return "default";
    }
}
