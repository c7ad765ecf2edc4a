package io.keygate.bitlocker.jpa;

import io.keygate.bitlocker.model.UserLookupProvider;
import io.keygate.bitlocker.model.UserLookupProviderFactory;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;

public class JpaUserLookupProviderFactory extends JpaModelProviderFactory implements UserLookupProviderFactory {

    @Override
    public UserLookupProvider create(KeycloakSession session) {
        return new JpaUserLookupProvider(session.getProvider(JpaConnectionProvider.class).getEntityManager());
    }
}
