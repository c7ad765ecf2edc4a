package io.keygate.bitlocker.keysource;

import org.keycloak.provider.ProviderFactory;

public interface EscrowWriteProviderFactory extends ProviderFactory<EscrowWriteProvider> {
}
