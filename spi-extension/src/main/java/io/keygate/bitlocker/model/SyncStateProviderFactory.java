package io.keygate.bitlocker.model;

import org.keycloak.provider.ProviderFactory;

public interface SyncStateProviderFactory extends ProviderFactory<SyncStateProvider> {
}
