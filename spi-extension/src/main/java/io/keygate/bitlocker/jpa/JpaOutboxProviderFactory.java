package io.keygate.bitlocker.jpa;

import io.keygate.bitlocker.model.OutboxProvider;
import io.keygate.bitlocker.model.OutboxProviderFactory;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;

public class JpaOutboxProviderFactory extends JpaModelProviderFactory implements OutboxProviderFactory {

    @Override
    public OutboxProvider create(KeycloakSession session) {
        return new JpaOutboxProvider(session.getProvider(JpaConnectionProvider.class).getEntityManager());
    }
}
