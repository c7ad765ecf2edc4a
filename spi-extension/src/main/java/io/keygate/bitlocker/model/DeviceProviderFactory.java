package io.keygate.bitlocker.model;

import org.keycloak.provider.ProviderFactory;

public interface DeviceProviderFactory extends ProviderFactory<DeviceProvider> {
}
