package io.keygate.bitlocker.model;

import org.keycloak.provider.ProviderFactory;

public interface RealmStateProviderFactory extends ProviderFactory<RealmStateProvider> {
}
