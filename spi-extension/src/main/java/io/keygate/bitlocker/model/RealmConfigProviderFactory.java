package io.keygate.bitlocker.model;

import org.keycloak.provider.ProviderFactory;

public interface RealmConfigProviderFactory extends ProviderFactory<RealmConfigProvider> {
}
