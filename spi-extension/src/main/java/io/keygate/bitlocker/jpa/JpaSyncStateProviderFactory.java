package io.keygate.bitlocker.jpa;

import io.keygate.bitlocker.model.SyncStateProvider;
import io.keygate.bitlocker.model.SyncStateProviderFactory;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;

public class JpaSyncStateProviderFactory extends JpaModelProviderFactory implements SyncStateProviderFactory {

    @Override
    public SyncStateProvider create(KeycloakSession session) {
        return new JpaSyncStateProvider(session.getProvider(JpaConnectionProvider.class).getEntityManager());
    }
}
