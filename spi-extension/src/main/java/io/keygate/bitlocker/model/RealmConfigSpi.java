package io.keygate.bitlocker.model;

/** The storage of each realm's configuration document; the extension ships a JPA implementation. */
public class RealmConfigSpi extends ModelSpi {

    public RealmConfigSpi() {
        super("bitlocker-realm-config", RealmConfigProvider.class, RealmConfigProviderFactory.class);
    }
}
