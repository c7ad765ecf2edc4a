package io.keygate.bitlocker.scheduling;

import org.keycloak.Config;

/** Empties the outboxes of what is done, hourly ({@code outbox-retention-days}, 30 by default). */
public class OutboxWork extends BackgroundWorkProviderFactory {

    private static final long DAY_MILLIS = 86_400_000L;

    @Override
    protected void start(TaskScheduler scheduler, Config.Scope options) {
        scheduler.clusterWide(new OutboxRetention(options.getLong("outbox-retention-days", 30L) * DAY_MILLIS),
                seconds(options, "housekeeping-interval-seconds", 3600L));
    }

    @Override
    public String getId() {
        return "outbox";
    }
}
