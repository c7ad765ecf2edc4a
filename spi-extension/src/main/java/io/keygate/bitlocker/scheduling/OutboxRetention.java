package io.keygate.bitlocker.scheduling;

import io.keygate.bitlocker.model.OutboxProvider;
import org.jboss.logging.Logger;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.timer.ScheduledTask;

/**
 * Empties the outboxes of what is done: ticket annotations delivered or given up, e-mails sent or
 * given up, once older than the retention. The audit log keeps the record; the outbox rows only
 * repeat who released which device's key, so they are not kept forever.
 */
public class OutboxRetention implements ScheduledTask {

    public static final String TASK_NAME = "bitlocker-outbox-retention";
    private static final Logger LOG = Logger.getLogger(OutboxRetention.class);

    private final long retentionMillis;

    public OutboxRetention(long retentionMillis) {
        this.retentionMillis = retentionMillis;
    }

    @Override
    public String getTaskName() {
        return TASK_NAME;
    }

    @Override
    public void run(KeycloakSession session) {
        int removed = session.getProvider(OutboxProvider.class).removeDoneBefore(Time.currentTimeMillis() - retentionMillis);
        if (removed > 0) {
            LOG.debugf("Outbox retention removed %d delivered or given-up item(s)", removed);
        }
    }
}
