package io.keygate.bitlocker.jpa;

import io.keygate.bitlocker.model.RealmStateProvider;
import io.keygate.bitlocker.model.RealmStateProviderFactory;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;

public class JpaRealmStateProviderFactory extends JpaModelProviderFactory implements RealmStateProviderFactory {

    @Override
    public RealmStateProvider create(KeycloakSession session) {
        return new JpaRealmStateProvider(session.getProvider(JpaConnectionProvider.class).getEntityManager());
    }
}
