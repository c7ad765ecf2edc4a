package io.keygate.bitlocker.rest;

import io.keygate.bitlocker.escrow.CheckInLimits;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.services.resource.RealmResourceProvider;
import org.keycloak.services.resource.RealmResourceProviderFactory;

/** Mounts the product's API at {@code /realms/{realm}/devices/...}. */
public class BitLockerRealmResourceProviderFactory implements RealmResourceProviderFactory {

    public static final String ID = "devices";

    /** Counted per node for the server's lifetime, so here and not in a per-request provider. */
    private final CheckInLimits checkInLimits = new CheckInLimits();

    /** This server's check-in counters. */
    static CheckInLimits checkInLimits(KeycloakSession session) {
        return ((BitLockerRealmResourceProviderFactory) session.getKeycloakSessionFactory()
                .getProviderFactory(RealmResourceProvider.class, ID)).checkInLimits;
    }

    @Override
    public RealmResourceProvider create(KeycloakSession session) {
        return new BitLockerRealmResourceProvider(session);
    }

    /**
     * Its options ({@code spi-realm-restapi-extension--devices--…}) are the intervals of the features'
     * background work, read by each feature's {@code BackgroundWorkProviderFactory}.
     */
    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return ID;
    }
}
