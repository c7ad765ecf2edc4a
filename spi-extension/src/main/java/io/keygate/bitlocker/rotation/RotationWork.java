package io.keygate.bitlocker.rotation;

import io.keygate.bitlocker.scheduling.BackgroundWorkProviderFactory;
import io.keygate.bitlocker.scheduling.TaskScheduler;
import org.keycloak.Config;

/** The rotation lifecycle's clock: {@code rotation-timeout-hours} (168), looked at every {@code housekeeping-interval-seconds}. */
public class RotationWork extends BackgroundWorkProviderFactory {

    private static final long HOUR_MILLIS = 3_600_000L;

    @Override
    protected void start(TaskScheduler scheduler, Config.Scope options) {
        scheduler.clusterWide(new RotationHousekeeping(scheduler.factory(),
                options.getLong("rotation-timeout-hours", 168L) * HOUR_MILLIS),
                seconds(options, "housekeeping-interval-seconds", 3600L));
    }

    @Override
    public String getId() {
        return "rotation";
    }
}
