package io.keygate.bitlocker.release;

import io.keygate.bitlocker.audit.AuditSource;

/** By which right a caller asks for a key (SPEC §3 step 2). */
public enum ReleaseRoute {
    /** The device's owner, self-service: no ticket. */
    OWNER(AuditSource.SELF_SERVICE),
    /** Helpdesk: a valid ticket. */
    HELPDESK(AuditSource.HELPDESK),
    /** Admin: a valid ticket, or break-glass with a reason when the realm allows it. */
    ADMIN(AuditSource.ADMIN);

    private final AuditSource auditSource;

    ReleaseRoute(AuditSource auditSource) {
        this.auditSource = auditSource;
    }

    public AuditSource auditSource() {
        return auditSource;
    }
}
