package io.keygate.bitlocker.writeback;

import io.keygate.bitlocker.scheduling.BackgroundWorkProviderFactory;
import io.keygate.bitlocker.scheduling.TaskScheduler;
import org.keycloak.Config;

/**
 * Ticket comments: the outbox every {@code writeback-interval-seconds} (5), so comments follow a
 * release promptly; retries back off from {@code writeback-retry-seconds} (30) up to an hour.
 */
public class WriteBackWork extends BackgroundWorkProviderFactory {

    @Override
    protected void start(TaskScheduler scheduler, Config.Scope options) {
        scheduler.clusterWide(new TicketWriteBack(scheduler.factory(), seconds(options, "writeback-retry-seconds", 30L)),
                seconds(options, "writeback-interval-seconds", 5L));
    }

    @Override
    public String getId() {
        return "writeback";
    }
}
