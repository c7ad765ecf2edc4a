package io.keygate.bitlocker.model;

/** Where the extension keeps what it remembers per realm (checkpoint issuer, digest schedule); the extension ships a JPA implementation. */
public class RealmStateSpi extends ModelSpi {

    public RealmStateSpi() {
        super("bitlocker-realm-state", RealmStateProvider.class, RealmStateProviderFactory.class);
    }
}
