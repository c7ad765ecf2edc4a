package io.keygate.bitlocker.release;

import io.keygate.bitlocker.model.Campaign;
import io.keygate.bitlocker.model.DeviceModel;
import io.keygate.bitlocker.model.RecoveryKeyModel;
import io.keygate.bitlocker.model.ReleaseRequest;
import io.keygate.bitlocker.ticketing.Ticket;

/**
 * What passing SPEC §3 steps 2–7 established: by which right, which key, under which ticket (or
 * break-glass), and the approved release request it uses where the realm asks for a second person — or the
 * ACTIVE campaign (SPEC §14) that stands for both, with its ticket.
 */
public record ReleaseGrant(ReleaseRoute route, DeviceModel device, RecoveryKeyModel key, Ticket ticket,
        RevealRequest request, ReleaseRequest approval, Campaign campaign) {

    /** How {@code approval.requiredFor} names this release's route: {@code helpdesk}, {@code admin} or {@code breakGlass}. */
    public String approvalRoute() {
        return ApprovalCheck.routeOf(route, request);
    }
}
