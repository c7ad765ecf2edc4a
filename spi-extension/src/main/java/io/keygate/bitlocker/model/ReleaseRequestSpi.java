package io.keygate.bitlocker.model;

/** Where release requests of dual control are kept; the extension ships a JPA implementation. */
public class ReleaseRequestSpi extends ModelSpi {

    public ReleaseRequestSpi() {
        super("bitlocker-release-request", ReleaseRequestProvider.class, ReleaseRequestProviderFactory.class);
    }
}
