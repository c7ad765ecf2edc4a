package io.keygate.bitlocker.jpa;

import io.keygate.bitlocker.model.ReleaseRequestProvider;
import io.keygate.bitlocker.model.ReleaseRequestProviderFactory;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;

public class JpaReleaseRequestProviderFactory extends JpaModelProviderFactory implements ReleaseRequestProviderFactory {

    @Override
    public ReleaseRequestProvider create(KeycloakSession session) {
        return new JpaReleaseRequestProvider(session.getProvider(JpaConnectionProvider.class).getEntityManager());
    }
}
