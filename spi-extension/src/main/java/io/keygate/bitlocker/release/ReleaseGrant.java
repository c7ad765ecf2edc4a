package io.keygate.bitlocker.release;

import io.keygate.bitlocker.model.DeviceModel;
import io.keygate.bitlocker.model.RecoveryKeyModel;
import io.keygate.bitlocker.ticketing.Ticket;

/** What passing SPEC §3 steps 2–7 established: by which right, which key, under which ticket (or break-glass). */
public record ReleaseGrant(ReleaseRoute route, DeviceModel device, RecoveryKeyModel key, Ticket ticket,
        RevealRequest request) {
}
