package io.keygate.bitlocker.jpa;

import io.keygate.bitlocker.model.RealmConfigProvider;
import io.keygate.bitlocker.model.RealmConfigProviderFactory;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;

public class JpaRealmConfigProviderFactory extends JpaModelProviderFactory implements RealmConfigProviderFactory {

    @Override
    public RealmConfigProvider create(KeycloakSession session) {
        return new JpaRealmConfigProvider(session.getProvider(JpaConnectionProvider.class).getEntityManager());
    }
}
