package io.keygate.bitlocker.metrics;

import io.keygate.bitlocker.scheduling.BackgroundWorkProviderFactory;
import io.keygate.bitlocker.scheduling.TaskScheduler;
import org.keycloak.Config;

/**
 * The counters alerts read, at zero from the start; the escrow gauges every {@code gauge-interval-seconds} (60) on
 * every node: each node answers its own scrape.
 */
public class MetricsWork extends BackgroundWorkProviderFactory {

    @Override
    protected void start(TaskScheduler scheduler, Config.Scope options) {
        BitLockerMetrics.registerAtZero();
        scheduler.everyNode(new EscrowGaugeRefresh(), seconds(options, "gauge-interval-seconds", 60L));
    }

    @Override
    public String getId() {
        return "metrics";
    }
}
