package io.keygate.bitlocker.jpa;

import io.keygate.bitlocker.model.DeviceProvider;
import io.keygate.bitlocker.model.DeviceProviderFactory;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;

public class JpaDeviceProviderFactory extends JpaModelProviderFactory implements DeviceProviderFactory {

    @Override
    public DeviceProvider create(KeycloakSession session) {
        return new JpaDeviceProvider(session.getProvider(JpaConnectionProvider.class).getEntityManager());
    }

    /** A realm's data goes with the realm. */
    @Override
    public void postInit(KeycloakSessionFactory factory) {
        factory.register(RealmDataCleanup::onEvent);
    }
}
