package io.keygate.bitlocker.scheduling;

import io.keygate.bitlocker.notification.AttentionDigest;
import io.keygate.bitlocker.notification.NotificationDelivery;
import io.keygate.bitlocker.rotation.RotationHousekeeping;
import io.keygate.bitlocker.writeback.TicketWriteBack;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.services.scheduled.ClusterAwareScheduledTaskRunner;
import org.keycloak.services.scheduled.ScheduledTaskRunner;
import org.keycloak.timer.ScheduledTask;
import org.keycloak.timer.TimerProvider;

/**
 * The extension's background work: what changes data runs on one node of the cluster at a time
 * ({@link ClusterAwareScheduledTaskRunner}); the metrics refresh runs on every node. Intervals are SPI options of the {@code devices}
 * realm resource ({@code spi-realm-restapi-extension--devices--…}).
 */
public final class BackgroundTasks {

    private static final long HOUR_MILLIS = 3_600_000L;

    private final long writeBackIntervalMillis;
    private final long writeBackRetryMillis;
    private final long housekeepingIntervalMillis;
    private final long rotationTimeoutMillis;
    private final long mailIntervalMillis;
    private final long digestIntervalMillis;
    private final long outboxRetentionMillis;
    private final long gaugeIntervalMillis;

    private BackgroundTasks(Config.Scope config) {
        // Outboxes are looked at every 5 s (an index seek on due rows), so comments and e-mails follow a
        // release promptly; retries back off from 30 s (comments) or 5 s (e-mails) up to an hour.
        writeBackIntervalMillis = seconds(config, "writeback-interval-seconds", 5L);
        writeBackRetryMillis = seconds(config, "writeback-retry-seconds", 30L);
        housekeepingIntervalMillis = seconds(config, "housekeeping-interval-seconds", 3600L);
        rotationTimeoutMillis = config.getLong("rotation-timeout-hours", 168L) * HOUR_MILLIS;
        mailIntervalMillis = seconds(config, "mail-interval-seconds", 5L);
        digestIntervalMillis = seconds(config, "digest-interval-seconds", 86_400L);
        outboxRetentionMillis = config.getLong("outbox-retention-days", 30L) * 24 * HOUR_MILLIS;
        gaugeIntervalMillis = seconds(config, "gauge-interval-seconds", 60L);
    }

    public static BackgroundTasks fromConfig(Config.Scope config) {
        return new BackgroundTasks(config);
    }

    private static long seconds(Config.Scope config, String key, long defaultSeconds) {
        return Math.max(1L, config.getLong(key, defaultSeconds)) * 1000L;
    }

    public void schedule(KeycloakSessionFactory factory) {
        KeycloakModelUtils.runJobInTransaction(factory, session -> {
            TimerProvider timer = session.getProvider(TimerProvider.class);
            every(timer, factory, new TicketWriteBack(factory, writeBackRetryMillis), writeBackIntervalMillis);
            every(timer, factory, new RotationHousekeeping(factory, rotationTimeoutMillis), housekeepingIntervalMillis);
            every(timer, factory, new NotificationDelivery(factory, mailIntervalMillis), mailIntervalMillis);
            every(timer, factory, new OutboxRetention(outboxRetentionMillis), housekeepingIntervalMillis);
            // The digest is due once per interval and per realm (remembered in the realm); the task
            // looks at least hourly, so a restart delays a due digest by an hour at most.
            every(timer, factory, new AttentionDigest(factory, digestIntervalMillis),
                    Math.min(digestIntervalMillis, HOUR_MILLIS));
            // Read-only and answered by each node's own scrape: on every node, not cluster-aware.
            timer.schedule(new ScheduledTaskRunner(factory, new EscrowGaugeRefresh()), gaugeIntervalMillis,
                    EscrowGaugeRefresh.TASK_NAME);
        });
    }

    private static void every(TimerProvider timer, KeycloakSessionFactory factory, ScheduledTask task, long millis) {
        timer.schedule(new ClusterAwareScheduledTaskRunner(factory, task, millis), millis, task.getTaskName());
    }
}
