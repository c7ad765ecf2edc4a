package io.keygate.bitlocker.approval;

import java.time.Duration;
import java.util.UUID;

import io.keygate.bitlocker.audit.AuditEvent;
import io.keygate.bitlocker.audit.AuditLog;
import io.keygate.bitlocker.audit.Reason;
import io.keygate.bitlocker.authz.BitLockerRole;
import io.keygate.bitlocker.authz.RequestContext;
import io.keygate.bitlocker.metrics.BitLockerMetrics;
import io.keygate.bitlocker.model.RealmLock;
import io.keygate.bitlocker.model.AuditAction;
import io.keygate.bitlocker.model.DeviceTarget;
import io.keygate.bitlocker.model.Guid;
import io.keygate.bitlocker.model.PageCursor;
import io.keygate.bitlocker.model.ReleaseRequest;
import io.keygate.bitlocker.model.ReleaseRequestProvider;
import io.keygate.bitlocker.model.ReleaseRequestStatus;
import io.keygate.bitlocker.model.ResultPage;
import io.keygate.bitlocker.notification.ConsoleLinks;
import io.keygate.bitlocker.notification.RequestNotifications;
import io.keygate.bitlocker.problem.Problem;
import io.keygate.bitlocker.problem.ProblemCode;
import io.keygate.bitlocker.release.ApprovalCheck;
import io.keygate.bitlocker.release.KeyRelease;
import io.keygate.bitlocker.release.ReleaseAttempt;
import io.keygate.bitlocker.release.ReleaseGrant;
import io.keygate.bitlocker.release.ReleaseLimits;
import io.keygate.bitlocker.release.RevealRequest;
import io.keygate.bitlocker.representation.DecisionBody;
import io.keygate.bitlocker.ticketing.Ticket;
import org.keycloak.common.util.Time;

/**
 * Dual control's requests (SPEC §11): asked for by helpdesk or admin with a live-checked ticket,
 * decided by another person holding {@code bitlocker-approver} or {@code bitlocker-admin} after
 * step-up, withdrawn by the requester, used once by a release. Every transition is audited and is
 * one conditional update, so concurrent deciders get one decision.
 */
public class ReleaseRequests {

    static final int MIN_REASON = 10;
    static final long HOUR = 3_600_000L;
    static final long MINUTE = 60_000L;

    /** {@code POST /keys/{deviceId}/requests}: what a release will ask for. */
    public record CreateBody(String keyId, String ticket, String reason, Boolean breakGlass) {
    }

    private final RequestContext ctx;
    private final ReleaseRequestProvider store;

    public ReleaseRequests(RequestContext ctx) {
        this.ctx = ctx;
        this.store = ctx.session().getProvider(ReleaseRequestProvider.class);
    }

    /** @param target the device the path names, resolved once for the request */
    public ReleaseRequest create(DeviceTarget target, java.util.function.Supplier<CreateBody> body) {
        AuditLog audit = new AuditLog(ctx.session(), ctx.realm());
        ReleaseLimits limits = ReleaseLimits.counted(ctx.config(), audit);
        // Before the live ticket check: a user over the limit spends none of the ticketing system's quota.
        limits.requireWithinRequestRate(ctx.caller().userId());
        ReleaseGrant grant = KeyRelease.policy(ctx, limits)
                .evaluateRequest(target, () -> {
                    CreateBody b = body.get();
                    RevealRequest asked = new RevealRequest(b.keyId(), b.ticket(), b.reason(), b.breakGlass(), null, null);
                    Reason.required(asked.reason(), MIN_REASON,
                            "A release request needs a 'reason' of at least " + MIN_REASON + " characters.");
                    return asked;
                }, new ReleaseAttempt());
        // Under the chain's lock (held until this request's entry commits), no other request of this user can
        // commit: the count read now holds, so concurrent requests never exceed the limit.
        RealmLock.hold(ctx.session(), ctx.realm());
        ReleaseLimits.counted(ctx.config(), audit).requireWithinRequestRate(ctx.caller().userId());
        long now = Time.currentTimeMillis();
        Ticket t = grant.ticket();
        ReleaseRequest request = new ReleaseRequest(UUID.randomUUID().toString(), ctx.realm().getId(),
                grant.device().getId(), grant.device().getName(), grant.key().getKeyId(), ctx.caller().userId(),
                ctx.caller().username(), grant.approvalRoute(),
                t == null ? null : new ReleaseRequest.TicketRef(t.system(), t.key(), t.id(), t.url(), t.status(), t.type()),
                grant.request().reason().strip(), grant.request().wantsBreakGlass(), ReleaseRequestStatus.PENDING, now,
                now + ctx.config().approval.pendingHours * HOUR, null, null, null, null);
        store.add(ctx.realm(), request);
        String auditId = audit.append(event(AuditAction.RELEASE_REQUESTED, request, grant.route().auditSource())
                .reason(request.reason())).id();
        RequestNotifications.requested(ctx.session(), ctx.realm(), ctx.config().notifications, request, auditId, link(request));
        BitLockerMetrics.releaseRequest(ReleaseRequestStatus.PENDING.name());
        return request;
    }

    /** Approvers and admins see every request; anyone else only their own. */
    public ResultPage<ReleaseRequest> list(ReleaseRequestStatus status, int max, String after) {
        PageCursor cursor = PageCursor.after(after, c -> c.first().matches("\\d{1,19}"));
        return ResultPage.of(store.search(ctx.realm(), seesAll() ? null : ctx.caller().userId(), status, cursor, max), max,
                last -> new PageCursor(Long.toString(last.createdAt()), last.id()).encode());
    }

    public ReleaseRequest get(String rawId) {
        return visible(rawId);
    }

    /** Approve or reject: approver or admin, stepped up, never the requester, only while PENDING. */
    public ReleaseRequest decide(String rawId, boolean approve, java.util.function.Supplier<DecisionBody> body) {
        ctx.requireAny(BitLockerRole.APPROVER, BitLockerRole.ADMIN);
        ctx.requireStepUp(false);
        String reason = body.get().reason();
        String why = approve ? Reason.optional(reason) : Reason.required(reason, 1, "A rejection needs a 'reason'.");
        ReleaseRequest request = visible(rawId);
        if (request.requesterId().equals(ctx.caller().userId())) {
            throw Problem.of(ProblemCode.SELF_APPROVAL, "A release request needs a second person: you asked for this one.")
                    .exception();
        }
        long now = Time.currentTimeMillis();
        requireOpen(request, now);
        ReleaseRequestStatus to = approve ? ReleaseRequestStatus.APPROVED : ReleaseRequestStatus.REJECTED;
        if (!store.transition(ctx.realm(), request.id(), ReleaseRequestStatus.PENDING, new ReleaseRequest.Transition(to,
                ctx.caller().userId(), ctx.caller().username(), now, why,
                approve ? now + ctx.config().approval.useWithinMinutes * MINUTE : null))) {
            throw closed(request.id());
        }
        AuditEvent decided = event(approve ? AuditAction.RELEASE_APPROVED : AuditAction.RELEASE_REJECTED, request, null)
                .reason(why);
        if (approve) {
            decided.approval(request.id(), ctx.caller().userId(), ctx.caller().username());
        }
        String auditId = new AuditLog(ctx.session(), ctx.realm()).append(decided).id();
        RequestNotifications.decided(ctx.session(), ctx.realm(), request, approve, ctx.caller().username(), why, auditId,
                link(request));
        BitLockerMetrics.releaseRequest(to.name());
        BitLockerMetrics.releaseDecision(to.name(), Duration.ofMillis(Math.max(0, now - request.createdAt())));
        return store.get(ctx.realm(), request.id());
    }

    /** The requester takes back a request still waiting. */
    public void withdraw(String rawId) {
        ReleaseRequest request = visible(rawId);
        if (!request.requesterId().equals(ctx.caller().userId())) {
            throw Problem.of(ProblemCode.FORBIDDEN, "Only the requester may withdraw a release request.").exception();
        }
        long now = Time.currentTimeMillis();
        requireOpen(request, now);
        if (!store.transition(ctx.realm(), request.id(), ReleaseRequestStatus.PENDING, new ReleaseRequest.Transition(
                ReleaseRequestStatus.WITHDRAWN, ctx.caller().userId(), ctx.caller().username(), now, "withdrawn by the requester",
                null))) {
            throw closed(request.id());
        }
        new AuditLog(ctx.session(), ctx.realm()).append(event(AuditAction.RELEASE_REJECTED, request, null)
                .reason("withdrawn by the requester"));
        BitLockerMetrics.releaseRequest(ReleaseRequestStatus.WITHDRAWN.name());
    }

    private boolean seesAll() {
        return ctx.caller().hasAny(BitLockerRole.APPROVER, BitLockerRole.ADMIN);
    }

    /** The request, when the caller may see it (approvers and admins: all; others: their own); else 404. */
    private ReleaseRequest visible(String rawId) {
        String id = Guid.normalize(rawId);
        ReleaseRequest request = id == null ? null : store.get(ctx.realm(), id);
        if (request == null || !(seesAll() || request.requesterId().equals(ctx.caller().userId()))) {
            throw Problem.of(ProblemCode.REQUEST_NOT_FOUND, "No release request " + rawId + ".").exception();
        }
        return request;
    }

    private static void requireOpen(ReleaseRequest request, long now) {
        if (request.status() != ReleaseRequestStatus.PENDING || now > request.expiresAt()) {
            throw closed(request.id());
        }
    }

    private static io.keygate.bitlocker.problem.ProblemException closed(String id) {
        return Problem.of(ProblemCode.REQUEST_CLOSED, "Release request " + id
                + " is no longer pending (decided, withdrawn, used or expired).").exception();
    }

    private AuditEvent event(AuditAction action, ReleaseRequest r, io.keygate.bitlocker.model.AuditSource source) {
        return RequestEvents.of(source == null ? ctx.actor() : ctx.actor().withSource(source), action, r);
    }

    /** Where the request opens in the console (the e-mails' link), or null where no hostname is configured. */
    private String link(ReleaseRequest r) {
        return ConsoleLinks.releaseRequest(ctx.session(), ctx.realm(), r.id());
    }
}
