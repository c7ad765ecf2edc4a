package io.keygate.bitlocker.model;

import org.keycloak.provider.ProviderFactory;

public interface ReleaseRequestProviderFactory extends ProviderFactory<ReleaseRequestProvider> {
}
