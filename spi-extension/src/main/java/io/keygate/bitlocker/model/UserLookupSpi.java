package io.keygate.bitlocker.model;

/** Reads of the realm's users that Keycloak's user API does not offer; the extension ships a JPA implementation. */
public class UserLookupSpi extends ModelSpi {

    public UserLookupSpi() {
        super("bitlocker-user-lookup", UserLookupProvider.class, UserLookupProviderFactory.class);
    }
}
