package io.keygate.bitlocker.rest;

import io.keygate.bitlocker.rotation.RotationHousekeeping;
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
    private long housekeepingIntervalMillis;
    private long rotationTimeoutMillis;

    @Override
    public void init(Config.Scope config) {
        writeBackIntervalMillis = config.getLong("writeback-interval-seconds", 30L) * 1000;
        writeBackRetryMillis = config.getLong("writeback-retry-seconds", 30L) * 1000;
        housekeepingIntervalMillis = config.getLong("housekeeping-interval-seconds", 3600L) * 1000;
        rotationTimeoutMillis = config.getLong("rotation-timeout-hours", 168L) * 3_600_000L;
    }

    /** Starts the cluster-aware background work of the extension. */
    @Override
    public void postInit(KeycloakSessionFactory factory) {
        KeycloakModelUtils.runJobInTransaction(factory, session -> {
            TimerProvider timer = session.getProvider(TimerProvider.class);
            timer.schedule(new ClusterAwareScheduledTaskRunner(factory, new TicketWriteBack(factory, writeBackRetryMillis),
                    writeBackIntervalMillis), writeBackIntervalMillis, TicketWriteBack.TASK_NAME);
            timer.schedule(new ClusterAwareScheduledTaskRunner(factory,
                    new RotationHousekeeping(factory, rotationTimeoutMillis), housekeepingIntervalMillis),
                    housekeepingIntervalMillis, RotationHousekeeping.TASK_NAME);
        });
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return ID;
    }
}
