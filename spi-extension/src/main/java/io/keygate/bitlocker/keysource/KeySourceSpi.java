package io.keygate.bitlocker.keysource;

import org.keycloak.provider.Provider;
import org.keycloak.provider.ProviderFactory;
import org.keycloak.provider.Spi;

/**
 * Where recovery keys live. A device records which source holds its keys ({@code local},
 * {@code entra}); an operator adds another MDM by deploying a factory with a new id, without
 * touching the release path.
 */
public class KeySourceSpi implements Spi {

    public static final String NAME = "bitlocker-key-source";

    @Override
    public boolean isInternal() {
        return false;
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public Class<? extends Provider> getProviderClass() {
        return KeySourceProvider.class;
    }

    @Override
    public Class<? extends ProviderFactory> getProviderFactoryClass() {
        return KeySourceProviderFactory.class;
    }
}
