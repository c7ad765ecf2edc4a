package io.keygate.bitlocker.model;

import org.keycloak.provider.Provider;
import org.keycloak.provider.ProviderFactory;
import org.keycloak.provider.Spi;

/** What the model SPIs share: public (an operator may store the model elsewhere), named {@code bitlocker-…}. */
abstract class ModelSpi implements Spi {

    private final String name;
    private final Class<? extends Provider> provider;
    private final Class<? extends ProviderFactory> factory;

    ModelSpi(String name, Class<? extends Provider> provider, Class<? extends ProviderFactory> factory) {
        this.name = name;
        this.provider = provider;
        this.factory = factory;
    }

    @Override
    public boolean isInternal() {
        return false;
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public Class<? extends Provider> getProviderClass() {
        return provider;
    }

    @Override
    public Class<? extends ProviderFactory> getProviderFactoryClass() {
        return factory;
    }
}
