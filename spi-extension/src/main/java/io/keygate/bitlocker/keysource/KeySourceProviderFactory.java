package io.keygate.bitlocker.keysource;

import org.keycloak.provider.ProviderFactory;

public interface KeySourceProviderFactory extends ProviderFactory<KeySourceProvider> {
}
