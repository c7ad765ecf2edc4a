package io.keygate.bitlocker.forwarding;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.keygate.bitlocker.audit.AuditActor;
import io.keygate.bitlocker.audit.AuditLog;
import io.keygate.bitlocker.config.BitLockerConfig;
import io.keygate.bitlocker.config.RealmConfigStore;
import io.keygate.bitlocker.metrics.ForwardingGauges;
import io.keygate.bitlocker.model.AuditAction;
import io.keygate.bitlocker.model.AuditEntry;
import io.keygate.bitlocker.model.AuditOutcome;
import io.keygate.bitlocker.model.AuditStoreProvider;
import io.keygate.bitlocker.model.ForwardingCursor;
import io.keygate.bitlocker.model.RealmConfigProvider;
import io.keygate.bitlocker.model.Transactions;
import io.keygate.bitlocker.scheduling.Backoff;
import io.keygate.bitlocker.scheduling.BackgroundWorkProviderFactory;
import io.keygate.bitlocker.scheduling.TaskScheduler;
import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.timer.ScheduledTask;

/**
 * Audit forwarding to the SIEM (SPEC §12), on one node of the cluster at a time, every
 * {@code forwarding-interval-seconds} (5): each enabled sink of each realm gets the entries after its
 * cursor, in {@code seq} order, at least once; the cursor moves (in the database, locked while it is
 * used) only past what the sink took. A sink that is down is retried with backoff and never touches a
 * release; its outage is audited ({@code AUDIT_FORWARDING_FAILED}) when it starts and then at most hourly.
 */
public class AuditForwarding extends BackgroundWorkProviderFactory {

    static final String TASK_NAME = "bitlocker-audit-forwarding";
    static final int BATCH = 200;
    static final int MAX_BATCHES_PER_RUN = 50;
    static final long OUTAGE_AUDIT_MILLIS = 3_600_000L;
    private static final Logger LOG = Logger.getLogger(AuditForwarding.class);

    @Override
    protected void start(TaskScheduler scheduler, Config.Scope options) {
        KeycloakSessionFactory factory = scheduler.factory();
        long retry = seconds(options, "forwarding-retry-seconds", 5L);
        scheduler.clusterWide(new ScheduledTask() {
            @Override
            public void run(KeycloakSession session) {
                for (String realmId : session.getProvider(RealmConfigProvider.class).getConfiguredRealmIds()) {
                    for (String sink : enabledSinks(session, realmId)) {
                        try {
                            Transactions.inRealm(factory, realmId, (s, realm) -> forward(s, realm, sink, retry));
                        } catch (RuntimeException e) {
                            LOG.warnf("Audit forwarding of realm %s to %s failed: %s", realmId, sink, e.toString());
                        }
                    }
                }
            }

            @Override
            public String getTaskName() {
                return TASK_NAME;
            }
        }, seconds(options, "forwarding-interval-seconds", 5L));
    }

    private static List<String> enabledSinks(KeycloakSession session, String realmId) {
        RealmModel realm = session.realms().getRealm(realmId);
        List<String> sinks = new ArrayList<>();
        if (realm == null) {
            return sinks;
        }
        BitLockerConfig config = new RealmConfigStore(session, realm).load();
        if (config.enabled && config.forwarding.syslog.enabled) {
            sinks.add("syslog");
        }
        if (config.enabled && config.forwarding.webhook.enabled) {
            sinks.add("webhook");
        }
        return sinks;
    }

    private static AuditSink sink(KeycloakSession session, RealmConfigStore store, BitLockerConfig config, String id) {
        BitLockerConfig.Forwarding f = config.forwarding;
        return "syslog".equals(id) ? new SyslogSink(session, f.syslog.host, f.syslog.port, f.syslog.tls)
                : new WebhookSink(session, f.webhook.url, store.resolveSecret(f.webhook.secret).orElse(""));
    }

    private static Void forward(KeycloakSession session, RealmModel realm, String sinkId, long retryMillis) {
        AuditStoreProvider store = session.getProvider(AuditStoreProvider.class);
        ForwardingCursor cursor = store.lockCursor(realm, sinkId);
        long now = Time.currentTimeMillis();
        if (cursor.nextAttemptAt() != null && now < cursor.nextAttemptAt()) {
            return null;
        }
        RealmConfigStore configs = new RealmConfigStore(session, realm);
        AuditSink sink = sink(session, configs, configs.load(), sinkId);
        long[] progress = {cursor.lastSeq()};
        try {
            for (int batch = 0; batch < MAX_BATCHES_PER_RUN; batch++) {
                List<AuditEntry> entries = store.chain(realm, progress[0], BATCH);
                if (entries.isEmpty()) {
                    break;
                }
                sink.deliver(realm.getName(), entries, seq -> progress[0] = seq);
                if (entries.size() < BATCH) {
                    break;
                }
            }
            if (cursor.failingSince() != null) {
                LOG.infof("Audit forwarding of realm %s to %s works again after %d s", realm.getName(), sink.describe(),
                        (now - cursor.failingSince()) / 1000);
            }
            cursor = cursor.advancedTo(progress[0]).delivered(progress[0]);
        } catch (IOException | RuntimeException e) {
            String why = sink.describe() + ": " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage());
            boolean first = cursor.failingSince() == null;
            cursor = cursor.advancedTo(progress[0]).failed(why, now, now + Backoff.after(retryMillis, cursor.attempts() + 1));
            // A new outage is audited at once; one that lasts, once an hour.
            if (first || cursor.failureAuditedAt() == null || now - cursor.failureAuditedAt() >= OUTAGE_AUDIT_MILLIS) {
                new AuditLog(session, realm).append(AuditActor.system().event(AuditAction.AUDIT_FORWARDING_FAILED,
                        AuditOutcome.ERROR).reason("cannot forward the audit log since "
                        + Instant.ofEpochMilli(cursor.failingSince()) + " (" + why + ")"));
                cursor = cursor.audited(now);
            }
            if (first) {
                LOG.warnf("Audit forwarding of realm %s stopped at entry %d and resumes there: %s", realm.getName(),
                        cursor.lastSeq(), why);
            }
        }
        store.saveCursor(realm, cursor);
        ForwardingGauges.lag(realm.getName(), sinkId, store.getHead(realm).seq() - cursor.lastSeq());
        return null;
    }

    @Override
    public String getId() {
        return "audit-forwarding";
    }
}
