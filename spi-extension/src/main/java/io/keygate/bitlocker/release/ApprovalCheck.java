package io.keygate.bitlocker.release;

import java.util.List;

import io.keygate.bitlocker.model.DeviceModel;
import io.keygate.bitlocker.model.Guid;
import io.keygate.bitlocker.model.RecoveryKeyModel;
import io.keygate.bitlocker.model.ReleaseRequest;
import io.keygate.bitlocker.model.ReleaseRequestStatus;
import io.keygate.bitlocker.problem.Problem;
import io.keygate.bitlocker.problem.ProblemCode;
import io.keygate.bitlocker.ticketing.Ticket;

/**
 * The part of SPEC §3 step 6 that dual control adds: where {@code approval.requiredFor} covers the
 * route, the release names an approved request of this caller, for this device, key and ticket, still
 * within its time. A request still waiting answers {@code approval_pending}; everything else
 * {@code approval_required}. Reads only: the request becomes USED with the audit entry (see {@link Disclosure}).
 */
public final class ApprovalCheck implements ReleasePolicy.Approvals {

    public static final String HELPDESK = "helpdesk";
    public static final String ADMIN = "admin";
    public static final String BREAK_GLASS = "breakGlass";

    /** A release request by its ID; {@code null} when the realm has none. */
    public interface Requests {
        ReleaseRequest find(String requestId);
    }

    private final List<String> requiredFor;
    private final String callerId;
    private final Requests requests;
    private final long now;

    public ApprovalCheck(List<String> requiredFor, String callerId, Requests requests, long now) {
        this.requiredFor = requiredFor;
        this.callerId = callerId;
        this.requests = requests;
        this.now = now;
    }

    /** How {@code approval.requiredFor} names a route; {@code null} for owners (self-service never needs a second person). */
    public static String routeOf(ReleaseRoute route, RevealRequest request) {
        if (route == ReleaseRoute.OWNER) {
            return null;
        }
        if (request.wantsBreakGlass()) {
            return BREAK_GLASS;
        }
        return route == ReleaseRoute.ADMIN ? ADMIN : HELPDESK;
    }

    @Override
    public ReleaseRequest require(ReleaseRoute route, RevealRequest request, DeviceModel device, RecoveryKeyModel key,
            Ticket ticket) {
        String needed = routeOf(route, request);
        if (needed == null || !requiredFor.contains(needed)) {
            return null;
        }
        String requestId = Guid.normalize(request.requestId());
        if (requestId == null) {
            throw required("This release needs a second person's approval: ask for it (POST …/requests), then reveal"
                    + " with its 'requestId'.");
        }
        ReleaseRequest approval = requests.find(requestId);
        if (approval == null || !approval.requesterId().equals(callerId) || !approval.deviceId().equals(device.getId())
                || !approval.keyId().equals(key.getKeyId()) || approval.breakGlass() != request.wantsBreakGlass()
                || !sameTicket(approval, ticket)) {
            throw required("Release request " + requestId + " is not an approval of this release (caller, device, key"
                    + " and ticket must be the ones asked for).");
        }
        if (approval.status() == ReleaseRequestStatus.PENDING && now <= approval.expiresAt()) {
            throw Problem.of(ProblemCode.APPROVAL_PENDING, "Release request " + requestId
                    + " is still waiting for a second person's approval.").exception();
        }
        if (approval.status() != ReleaseRequestStatus.APPROVED || now > approval.expiresAt()) {
            throw required("Release request " + requestId + " cannot be used: it is "
                    + (approval.status() == ReleaseRequestStatus.APPROVED ? "EXPIRED" : approval.status().name()) + ".");
        }
        return approval;
    }

    private static boolean sameTicket(ReleaseRequest approval, Ticket ticket) {
        if (approval.ticket() == null || ticket == null) {
            return approval.ticket() == null && ticket == null;
        }
        if (!approval.ticket().system().equals(ticket.system())) {
            return false;
        }
        return approval.ticket().id() != null && ticket.id() != null ? approval.ticket().id().equals(ticket.id())
                : approval.ticket().key().equalsIgnoreCase(ticket.key());
    }

    private static io.keygate.bitlocker.problem.ProblemException required(String why) {
        return Problem.of(ProblemCode.APPROVAL_REQUIRED, why).exception();
    }
}
