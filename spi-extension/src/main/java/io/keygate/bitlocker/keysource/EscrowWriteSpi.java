package io.keygate.bitlocker.keysource;

import org.keycloak.provider.Provider;
import org.keycloak.provider.ProviderFactory;
import org.keycloak.provider.Spi;

/** The escrow write path a synchronising key source writes through; the extension's {@code escrow} package provides it. */
public class EscrowWriteSpi implements Spi {

    @Override
    public boolean isInternal() {
        return false;
    }

    @Override
    public String getName() {
        return "bitlocker-escrow-write";
    }

    @Override
    public Class<? extends Provider> getProviderClass() {
        return EscrowWriteProvider.class;
    }

    @Override
    public Class<? extends ProviderFactory> getProviderFactoryClass() {
        return EscrowWriteProviderFactory.class;
    }
}
