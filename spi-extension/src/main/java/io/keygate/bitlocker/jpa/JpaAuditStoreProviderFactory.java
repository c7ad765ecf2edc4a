package io.keygate.bitlocker.jpa;

import io.keygate.bitlocker.model.AuditStoreProvider;
import io.keygate.bitlocker.model.AuditStoreProviderFactory;
import org.keycloak.models.KeycloakSession;

public class JpaAuditStoreProviderFactory extends JpaModelProviderFactory implements AuditStoreProviderFactory {

    @Override
    public AuditStoreProvider create(KeycloakSession session) {
        return new JpaAuditStoreProvider(session);
    }
}
