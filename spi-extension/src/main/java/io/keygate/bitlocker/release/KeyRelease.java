package io.keygate.bitlocker.release;

import java.util.function.Supplier;

import io.keygate.bitlocker.audit.AuditEvent;
import io.keygate.bitlocker.audit.AuditLog;
import io.keygate.bitlocker.authz.RequestContext;
import io.keygate.bitlocker.justification.LiveTicketCheck;
import io.keygate.bitlocker.metrics.BitLockerMetrics;
import io.keygate.bitlocker.model.AuditAction;
import io.keygate.bitlocker.model.AuditOutcome;
import io.keygate.bitlocker.model.AuditSource;
import io.keygate.bitlocker.model.DeviceProvider;
import io.keygate.bitlocker.problem.Problem;
import io.keygate.bitlocker.problem.ProblemException;
import io.keygate.bitlocker.representation.RevealResponse;
import org.jboss.logging.Logger;
import org.keycloak.common.util.Time;

/**
 * {@code POST /keys/{deviceId}/reveal}: the {@link ReleasePolicy} (SPEC §3 steps 2–7), then the
 * {@link Disclosure} (steps 8–9). Every denial from step 2 on is audited, committed on its own so
 * it survives the failed request.
 */
public class KeyRelease {

    private static final Logger LOG = Logger.getLogger(KeyRelease.class);
    private static final long HOUR_MILLIS = 3_600_000L;

    private final RequestContext ctx;

    public KeyRelease(RequestContext ctx) {
        this.ctx = ctx;
    }

    private ReleasePolicy policy() {
        AuditLog audit = new AuditLog(ctx.session(), ctx.realm());
        DeviceProvider devices = ctx.session().getProvider(DeviceProvider.class);
        return new ReleasePolicy(ctx.config(), ctx.caller(), ctx::requireStepUp,
                deviceId -> devices.getDevice(ctx.realm(), deviceId),
                new LiveTicketCheck(ctx.session(), ctx.realm(), ctx.config()),
                userId -> audit.releasesBy(userId, Time.currentTimeMillis() - HOUR_MILLIS));
    }

    /** @param body the request body, read once the caller has passed steps 2 and 3 */
    public RevealResponse reveal(String deviceId, Supplier<RevealRequest> body) {
        ReleaseAttempt attempt = new ReleaseAttempt();
        try {
            ReleaseGrant grant = policy().evaluate(deviceId, body, attempt);
            RevealResponse response = new Disclosure(ctx).disclose(grant);
            BitLockerMetrics.reveal("SUCCESS", "none", grant.route().auditSource().name());
            return response;
        } catch (ProblemException e) {
            auditDenial(attempt, e.problem());
            throw e;
        }
    }

    private void auditDenial(ReleaseAttempt attempt, Problem problem) {
        AuditSource source = attempt.source() == null ? AuditSource.API : attempt.source();
        AuditEvent denial = ctx.actor().withSource(source).event(AuditAction.KEY_REVEAL_DENIED, AuditOutcome.DENIED)
                .code(problem.code().code()).acr(ctx.caller().token().getAcr())
                .device(attempt.deviceId(), attempt.deviceName()).keyId(attempt.keyId()).ticket(attempt.ticket())
                .reason(attempt.reason());
        BitLockerMetrics.reveal("DENIED", problem.code().code(), source.name());
        try {
            AuditLog.appendCommitted(ctx.session(), ctx.realm(), denial);
        } catch (RuntimeException e) {
            LOG.errorf("Could not audit a denied release (%s): %s", problem.code().code(), e.toString());
        }
    }
}
