package io.keygate.bitlocker.approval;

import io.keygate.bitlocker.audit.AuditActor;
import io.keygate.bitlocker.audit.AuditEvent;
import io.keygate.bitlocker.model.AuditAction;
import io.keygate.bitlocker.model.AuditOutcome;
import io.keygate.bitlocker.model.ReleaseRequest;

/** The audit entry of a release request's transition: its device, key and ticket (with the ticket's identity). */
final class RequestEvents {

    private RequestEvents() {
    }

    static AuditEvent of(AuditActor actor, AuditAction action, ReleaseRequest r) {
        return actor.event(action, AuditOutcome.SUCCESS).device(r.deviceId(), r.deviceName()).keyId(r.keyId())
                .ticket(r.ticket());
    }
}
