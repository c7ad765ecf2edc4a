package io.keygate.bitlocker.rotation;

import io.keygate.bitlocker.audit.AuditLog;
import io.keygate.bitlocker.audit.Reason;
import io.keygate.bitlocker.authz.BitLockerRole;
import io.keygate.bitlocker.authz.RequestContext;
import io.keygate.bitlocker.justification.LiveTicketCheck;
import io.keygate.bitlocker.justification.TicketCheck;
import io.keygate.bitlocker.keysource.KeySourceProvider;
import io.keygate.bitlocker.keysource.KeySourceUnavailableException;
import io.keygate.bitlocker.model.AuditSource;
import io.keygate.bitlocker.model.DeviceModel;
import io.keygate.bitlocker.model.DeviceTarget;
import io.keygate.bitlocker.model.RotationModel;
import io.keygate.bitlocker.problem.Problem;
import io.keygate.bitlocker.problem.ProblemCode;
import io.keygate.bitlocker.ticketing.Ticket;

/**
 * {@code POST /keys/{deviceId}/rotate}: admins, or helpdesk with a valid ticket; step-up
 * required. A device has at most one open rotation: asking again returns it.
 */
public class RotationRequests {

    /** The request body. */
    public record Body(String ticket, String reason) {
        public static final Body EMPTY = new Body(null, null);
    }

    private final RequestContext ctx;

    public RotationRequests(RequestContext ctx) {
        this.ctx = ctx;
    }

    /** @param target the device the path names, resolved once for the request */
    public RotationModel request(DeviceTarget target, Body body) {
        ctx.requireAny(BitLockerRole.HELPDESK, BitLockerRole.ADMIN);
        boolean admin = ctx.caller().has(BitLockerRole.ADMIN);
        ctx.requireStepUp(false);
        target.requireWellFormed();
        Reason.requireWithinLimit(body.reason());
        TicketCheck tickets = new LiveTicketCheck(ctx.session(), ctx.realm(), ctx.config());
        if (body.ticket() != null) {
            tickets.requireWellFormed(body.ticket());
        }
        DeviceModel device = target.requireExisting();
        Ticket ticket = null;
        if (body.ticket() != null) {
            ticket = tickets.verify(body.ticket(), device);
        } else if (!admin) {
            throw Problem.of(ProblemCode.TICKET_REQUIRED, "Helpdesk rotations need an open incident ticket.").exception();
        }
        KeySourceProvider keySource = ctx.session().getProvider(KeySourceProvider.class, device.getSource());
        if (keySource == null) {
            throw Problem.of(ProblemCode.KEY_SOURCE_UNAVAILABLE, "Key source '" + device.getSource()
                    + "' is not installed.").exception();
        }
        if (!keySource.canRotate()) {
            throw Problem.of(ProblemCode.ROTATION_NOT_SUPPORTED, "Key source '" + device.getSource()
                    + "' cannot rotate keys and no agent can be told; the device's next key backup replaces the key.")
                    .exception();
        }
        AuditSource source = admin ? AuditSource.ADMIN : AuditSource.HELPDESK;
        RotationModel rotation = new Rotations(new AuditLog(ctx.session(), ctx.realm()))
                .request(device, null, ctx.actor().withSource(source), ticket == null ? null : ticket.key(), body.reason());
        try {
            keySource.requestRotation(ctx.realm(), device);
        } catch (KeySourceUnavailableException e) {
            throw Problem.of(ProblemCode.KEY_SOURCE_UNAVAILABLE, e.getMessage()).exception();
        }
        return rotation;
    }
}
