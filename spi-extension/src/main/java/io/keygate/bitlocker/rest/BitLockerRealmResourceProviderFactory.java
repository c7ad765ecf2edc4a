package io.keygate.bitlocker.rest;

import io.keygate.bitlocker.writeback.TicketWriteBack;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.services.resource.RealmResourceProvider;
import org.keycloak.services.scheduled.ClusterAwareScheduledTaskRunner;
import org.keycloak.timer.TimerProvider;
import org.keycloak.services.resource.RealmResourceProviderFactory;

/** Mounts the product's API at {@code /realms/{realm}/devices/...}. */
public class BitLockerRealmResourceProviderFactory implements RealmResourceProviderFactory {

    public static final String ID = "devices";

    @Override
    public RealmResourceProvider create(KeycloakSession session) {
        return new BitLockerRealmResourceProvider(session);
    }

    private long writeBackIntervalMillis;
    private long writeBackRetryMillis;

    @Override
    public void init(Config.Scope config) {
        writeBackIntervalMillis = config.getLong("writeback-interval-seconds", 30L) * 1000;
        writeBackRetryMillis = config.getLong("writeback-retry-seconds", 30L) * 1000;
    }

    /** Starts the cluster-aware background work of the extension. */
    @Override
    public void postInit(KeycloakSessionFactory factory) {
        KeycloakModelUtils.runJobInTransaction(factory, session -> session.getProvider(TimerProvider.class).schedule(
                new ClusterAwareScheduledTaskRunner(factory, new TicketWriteBack(factory, writeBackRetryMillis),
                        writeBackIntervalMillis),
                writeBackIntervalMillis, TicketWriteBack.TASK_NAME));
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return ID;
    }
}
