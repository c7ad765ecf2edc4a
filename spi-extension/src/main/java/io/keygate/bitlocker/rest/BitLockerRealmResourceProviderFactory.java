package io.keygate.bitlocker.rest;

import io.keygate.bitlocker.scheduling.BackgroundTasks;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.services.resource.RealmResourceProvider;
import org.keycloak.services.resource.RealmResourceProviderFactory;

/** Mounts the product's API at {@code /realms/{realm}/devices/...}. */
public class BitLockerRealmResourceProviderFactory implements RealmResourceProviderFactory {

    public static final String ID = "devices";

    @Override
    public RealmResourceProvider create(KeycloakSession session) {
        return new BitLockerRealmResourceProvider(session);
    }

    private BackgroundTasks tasks;

    @Override
    public void init(Config.Scope config) {
        tasks = BackgroundTasks.fromConfig(config);
    }

    /** Starts the cluster-aware background work of the extension. */
    @Override
    public void postInit(KeycloakSessionFactory factory) {
        tasks.schedule(factory);
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return ID;
    }
}
