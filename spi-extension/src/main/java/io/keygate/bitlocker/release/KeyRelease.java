package io.keygate.bitlocker.release;

import java.util.function.Supplier;

import io.keygate.bitlocker.audit.AuditEvent;
import io.keygate.bitlocker.audit.AuditLog;
import io.keygate.bitlocker.campaign.CampaignGate;
import io.keygate.bitlocker.model.Campaign;
import io.keygate.bitlocker.model.DeviceModel;
import io.keygate.bitlocker.ticketing.Ticket;
import io.keygate.bitlocker.authz.RequestContext;
import io.keygate.bitlocker.justification.LiveTicketCheck;
import io.keygate.bitlocker.metrics.BitLockerMetrics;
import io.keygate.bitlocker.model.AuditAction;
import io.keygate.bitlocker.model.AuditOutcome;
import io.keygate.bitlocker.model.AuditSource;
import io.keygate.bitlocker.model.DeviceTarget;
import io.keygate.bitlocker.model.ReleasedKey;
import io.keygate.bitlocker.model.ReleaseRequestProvider;
import org.keycloak.common.util.Time;
import io.keygate.bitlocker.problem.Problem;
import io.keygate.bitlocker.problem.ProblemCode;
import io.keygate.bitlocker.problem.ProblemException;
import org.jboss.logging.Logger;

/**
 * {@code POST /keys/{deviceId}/reveal}: the {@link ReleasePolicy} (SPEC §3 steps 2–7), then the
 * {@link Disclosure} (steps 8–9). Every denial from step 2 on is audited, committed on its own so
 * it survives the failed request.
 */
public class KeyRelease {

    private static final Logger LOG = Logger.getLogger(KeyRelease.class);

    private final RequestContext ctx;

    /** Decides on the realm's configuration as committed, not on this node's cached copy. */
    public KeyRelease(RequestContext ctx) {
        this.ctx = ctx.withCommittedConfig();
    }

    /** SPEC §3's policy for this request's caller: live tickets, approvals and limits. */
    public static ReleasePolicy policy(RequestContext ctx, ReleaseLimits limits) {
        ReleaseRequestProvider requests = ctx.session().getProvider(ReleaseRequestProvider.class);
        CampaignGate gate = new CampaignGate(ctx.session(), ctx.realm(), ctx.config());
        return new ReleasePolicy(ctx.config(), ctx.caller(), ctx::requireStepUp,
                new LiveTicketCheck(ctx.session(), ctx.realm(), ctx.config()), limits,
                new ApprovalCheck(ctx.config().approval.requiredFor, ctx.caller().userId(),
                        requestId -> requests.get(ctx.realm(), requestId), Time.currentTimeMillis()),
                new ReleasePolicy.Campaigns() {
                    @Override
                    public Campaign find(String campaignId) {
                        return gate.find(campaignId);
                    }

                    @Override
                    public Ticket admit(Campaign campaign, DeviceModel device) {
                        return gate.admit(campaign, device);
                    }
                });
    }

    /**
     * @param target the device the path names, resolved once for the request
     * @param body the request body, read once the caller has passed steps 2 and 3
     */
    public ReleasedKey reveal(DeviceTarget target, Supplier<RevealRequest> body) {
        ReleaseAttempt attempt = new ReleaseAttempt();
        try {
            ReleaseLimits limits = ReleaseLimits.counted(ctx.config(), new AuditLog(ctx.session(), ctx.realm()));
            requireFewDenials(limits);
            ReleaseGrant grant = policy(ctx, limits).evaluate(target, body, attempt);
            ReleasedKey released = new Disclosure(ctx).disclose(grant, refused -> denial(attempt, refused.problem()));
            BitLockerMetrics.reveal("SUCCESS", "none", grant.route().auditSource().name());
            if (grant.request().wantsBreakGlass()) {
                BitLockerMetrics.breakGlass();
            }
            return released;
        } catch (Throttled e) {
            throw e;
        } catch (ReleaseBatches.AuditedDenial e) {
            // Refused under the lock and recorded in that batch.
            BitLockerMetrics.reveal("DENIED", e.problem().code().code(), sourceOf(attempt).name());
            throw e;
        } catch (ProblemException e) {
            auditDenial(attempt, e.problem());
            throw e;
        }
    }

    /**
     * A user whose requests were refused too often in the last hour is turned away before anything is
     * looked up (no ticket call), and only the first such refusal is audited: a flood of refused requests
     * grows neither the log nor the ticketing system's bill.
     */
    private void requireFewDenials(ReleaseLimits limits) {
        long denials = limits.recentDenials(ctx.caller().userId());
        if (denials >= limits.denialBudget()) {
            ProblemException throttled = Problem.of(ProblemCode.RATE_LIMITED, "Too many refused requests in the last hour.")
                    .header("Retry-After", "3600").exception();
            if (denials > limits.denialBudget()) {
                BitLockerMetrics.reveal("DENIED", ProblemCode.RATE_LIMITED.code(), AuditSource.API.name());
                throw new Throttled(throttled.problem());
            }
            throw throttled;
        }
    }

    /** A refusal that is not audited one by one (see {@link #requireFewDenials}). */
    private static final class Throttled extends ProblemException {
        Throttled(Problem problem) {
            super(problem);
        }
    }

    private static AuditSource sourceOf(ReleaseAttempt attempt) {
        return attempt.source() == null ? AuditSource.API : attempt.source();
    }

    /** The KEY_REVEAL_DENIED entry of this request as far as it got. */
    private AuditEvent denial(ReleaseAttempt attempt, Problem problem) {
        return ctx.actor().withSource(sourceOf(attempt)).event(AuditAction.KEY_REVEAL_DENIED, AuditOutcome.DENIED)
                .code(problem.code().code()).acr(ctx.caller().token().getAcr())
                .device(attempt.deviceId(), attempt.deviceName()).keyId(attempt.keyId())
                .ticket(attempt.ticket()).campaign(attempt.campaignId())
                .reason(attempt.reason()).keyPackage(attempt.keyPackage());
    }

    private void auditDenial(ReleaseAttempt attempt, Problem problem) {
        AuditEvent denial = denial(attempt, problem);
        BitLockerMetrics.reveal("DENIED", problem.code().code(), sourceOf(attempt).name());
        try {
            AuditLog.appendCommitted(ctx.session(), ctx.realm(), denial);
        } catch (RuntimeException e) {
            LOG.errorf("Could not audit a denied release (%s): %s", problem.code().code(), e.toString());
        }
    }
}
