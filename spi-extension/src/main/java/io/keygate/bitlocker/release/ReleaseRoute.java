package io.keygate.bitlocker.release;

import io.keygate.bitlocker.model.AuditSource;

/** By which right a caller asks for a key (SPEC §3 step 2), and what that right allows. */
public enum ReleaseRoute {
    /** The device's owner, self-service: no ticket. */
    OWNER(AuditSource.SELF_SERVICE, false, false),
    /** Helpdesk: a valid ticket. */
    HELPDESK(AuditSource.HELPDESK, true, false),
    /** Admin: a valid ticket, or break-glass with a reason when the realm allows it. */
    ADMIN(AuditSource.ADMIN, true, true);

    private final AuditSource auditSource;
    private final boolean needsTicket;
    private final boolean mayBreakGlass;

    ReleaseRoute(AuditSource auditSource, boolean needsTicket, boolean mayBreakGlass) {
        this.auditSource = auditSource;
        this.needsTicket = needsTicket;
        this.mayBreakGlass = mayBreakGlass;
    }

    public AuditSource auditSource() {
        return auditSource;
    }

    public boolean needsTicket() {
        return needsTicket;
    }

    public boolean mayBreakGlass() {
        return mayBreakGlass;
    }
}
