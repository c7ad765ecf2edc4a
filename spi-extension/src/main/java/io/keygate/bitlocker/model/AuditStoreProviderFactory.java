package io.keygate.bitlocker.model;

import org.keycloak.provider.ProviderFactory;

public interface AuditStoreProviderFactory extends ProviderFactory<AuditStoreProvider> {
}
