package io.keygate.bitlocker.model;

import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.keycloak.models.RealmModel;
import org.keycloak.provider.Provider;

/**
 * Reads of the realm's users, in Keycloak's own user store, that Keycloak's user API does not offer: many addresses
 * at once for a synchronised page of devices. Never cached, so a second holder of an address counts at once. Users
 * of a user federation that Keycloak has not imported are not in that store: callers ask Keycloak where the realm
 * has one.
 */
public interface UserLookupProvider extends Provider {

    /**
     * The ids of the realm's users (service accounts aside) whose e-mail address is one of {@code addresses}, by the
     * address lowered as Keycloak stores it; an address nobody has is absent.
     */
    Map<String, List<String>> userIdsByEmail(RealmModel realm, Collection<String> addresses);
}
