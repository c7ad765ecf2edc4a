package io.keygate.bitlocker.model;

import org.keycloak.provider.ProviderFactory;

public interface UserLookupProviderFactory extends ProviderFactory<UserLookupProvider> {
}
