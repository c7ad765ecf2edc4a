package io.keygate.bitlocker.scheduling;

import org.keycloak.provider.Provider;
import org.keycloak.provider.ProviderFactory;
import org.keycloak.provider.Spi;

/** Each feature's background work, registered by the feature itself. */
public class BackgroundWorkSpi implements Spi {

    @Override
    public boolean isInternal() {
        return false;
    }

    @Override
    public String getName() {
        return "bitlocker-background-work";
    }

    @Override
    public Class<? extends Provider> getProviderClass() {
        return BackgroundWorkProvider.class;
    }

    @Override
    public Class<? extends ProviderFactory> getProviderFactoryClass() {
        return BackgroundWorkProviderFactory.class;
    }
}
