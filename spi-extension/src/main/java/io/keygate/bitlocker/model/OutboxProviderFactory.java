package io.keygate.bitlocker.model;

import org.keycloak.provider.ProviderFactory;

public interface OutboxProviderFactory extends ProviderFactory<OutboxProvider> {
}
