package io.keygate.bitlocker.approval;

import io.keygate.bitlocker.audit.AuditActor;
import io.keygate.bitlocker.audit.AuditLog;
import io.keygate.bitlocker.metrics.BitLockerMetrics;
import io.keygate.bitlocker.model.AuditAction;
import io.keygate.bitlocker.model.ReleaseRequest;
import io.keygate.bitlocker.model.ReleaseRequestProvider;
import io.keygate.bitlocker.model.ReleaseRequestStatus;
import io.keygate.bitlocker.model.Transactions;
import io.keygate.bitlocker.scheduling.BackgroundWorkProviderFactory;
import io.keygate.bitlocker.scheduling.TaskScheduler;
import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.timer.ScheduledTask;

/**
 * Release requests whose time ran out become EXPIRED, on one node of the cluster at a time, every
 * {@code approval-expiry-seconds} (60): a PENDING one after {@code approval.pendingHours}, an APPROVED one
 * not used within {@code approval.useWithinMinutes}. Audited as {@code RELEASE_REJECTED} by the system, with
 * the reason. (A release checks the time itself, so nothing waits on this task to be refused.)
 */
public class RequestExpiry extends BackgroundWorkProviderFactory {

    static final String TASK_NAME = "bitlocker-release-request-expiry";
    private static final Logger LOG = Logger.getLogger(RequestExpiry.class);
    private static final int BATCH = 500;

    @Override
    protected void start(TaskScheduler scheduler, Config.Scope options) {
        KeycloakSessionFactory factory = scheduler.factory();
        scheduler.clusterWide(new ScheduledTask() {
            @Override
            public void run(KeycloakSession session) {
                for (ReleaseRequest overdue : session.getProvider(ReleaseRequestProvider.class)
                        .getOverdue(Time.currentTimeMillis(), BATCH)) {
                    try {
                        Transactions.inRealm(factory, overdue.realmId(), (s, realm) -> expire(s, realm, overdue));
                    } catch (RuntimeException e) {
                        LOG.warnf("Release request %s could not be expired: %s", overdue.id(), e.toString());
                    }
                }
            }

            @Override
            public String getTaskName() {
                return TASK_NAME;
            }
        }, seconds(options, "approval-expiry-seconds", 60L));
    }

    private static Void expire(KeycloakSession session, org.keycloak.models.RealmModel realm, ReleaseRequest r) {
        if (!session.getProvider(ReleaseRequestProvider.class).transition(realm, r.id(), r.status(),
                ReleaseRequest.Transition.to(ReleaseRequestStatus.EXPIRED))) {
            return null; // decided or used meanwhile
        }
        String why = r.status() == ReleaseRequestStatus.PENDING ? "expired: not decided in time"
                : "expired: approved, but not used in time";
        new AuditLog(session, realm).append(RequestEvents.of(AuditActor.system(), AuditAction.RELEASE_REJECTED, r)
                .reason(why + " (request " + r.id() + ")"));
        BitLockerMetrics.releaseRequest(ReleaseRequestStatus.EXPIRED.name());
        return null;
    }

    @Override
    public String getId() {
        return "release-request-expiry";
    }
}
