package io.keygate.bitlocker.notification;

import io.keygate.bitlocker.scheduling.BackgroundWorkProviderFactory;
import io.keygate.bitlocker.scheduling.TaskScheduler;
import org.keycloak.Config;

/**
 * E-mail: the outbox every {@code mail-interval-seconds} (5; retries back off from there), and the
 * attention digest once per {@code digest-interval-seconds} (a day) and realm, looked for at least hourly
 * so a restart delays a due digest by an hour at most.
 */
public class NotificationWork extends BackgroundWorkProviderFactory {

    private static final long HOUR_MILLIS = 3_600_000L;

    @Override
    protected void start(TaskScheduler scheduler, Config.Scope options) {
        long mail = seconds(options, "mail-interval-seconds", 5L);
        long digest = seconds(options, "digest-interval-seconds", 86_400L);
        scheduler.clusterWide(new NotificationDelivery(scheduler.factory(), mail), mail);
        scheduler.clusterWide(new AttentionDigest(scheduler.factory(), digest), Math.min(digest, HOUR_MILLIS));
    }

    @Override
    public String getId() {
        return "notification";
    }
}
