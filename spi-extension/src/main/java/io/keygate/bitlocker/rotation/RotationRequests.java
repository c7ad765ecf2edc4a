package io.keygate.bitlocker.rotation;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.persistence.EntityManager;

import io.keygate.bitlocker.audit.AuditLog;
import io.keygate.bitlocker.audit.AuditSource;
import io.keygate.bitlocker.authz.BitLockerRole;
import io.keygate.bitlocker.device.DeviceDirectory;
import io.keygate.bitlocker.device.DeviceRepresentations;
import io.keygate.bitlocker.device.Guid;
import io.keygate.bitlocker.jpa.DeviceEntity;
import io.keygate.bitlocker.jpa.RotationEntity;
import io.keygate.bitlocker.keysource.KeySourceProvider;
import io.keygate.bitlocker.keysource.KeySourceUnavailableException;
import io.keygate.bitlocker.release.TicketCheck;
import io.keygate.bitlocker.rest.Problem;
import io.keygate.bitlocker.rest.ProblemCode;
import io.keygate.bitlocker.rest.RequestContext;
import io.keygate.bitlocker.ticketing.Ticket;
import org.keycloak.connections.jpa.JpaConnectionProvider;

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

    public Map<String, Object> request(String rawDeviceId, Body body) {
        ctx.requireAny(BitLockerRole.HELPDESK, BitLockerRole.ADMIN);
        boolean admin = ctx.caller().has(BitLockerRole.ADMIN);
        ctx.requireStepUp(false);
        String deviceId = Guid.normalize(rawDeviceId);
        if (deviceId == null) {
            throw Problem.of(ProblemCode.INVALID_REQUEST, "The device ID must be a GUID.").exception();
        }
        if (body.reason() != null && body.reason().length() > 1000) {
            throw Problem.of(ProblemCode.INVALID_REQUEST, "'reason' is limited to 1000 characters.").exception();
        }
        TicketCheck tickets = new TicketCheck(ctx.session(), ctx.realm(), ctx.config());
        if (body.ticket() != null) {
            tickets.requireWellFormed(body.ticket());
        }
        EntityManager em = ctx.session().getProvider(JpaConnectionProvider.class).getEntityManager();
        DeviceDirectory directory = new DeviceDirectory(em, ctx.realm().getId());
        DeviceEntity device = directory.find(deviceId);
        if (device == null) {
            throw Problem.of(ProblemCode.DEVICE_NOT_FOUND, "No device " + deviceId + ".").exception();
        }
        Ticket ticket = null;
        if (body.ticket() != null) {
            ticket = tickets.verify(body.ticket(), device);
        } else if (!admin) {
            throw Problem.of(ProblemCode.TICKET_REQUIRED, "Helpdesk rotations need an open incident ticket.").exception();
        }
        AuditSource source = admin ? AuditSource.ADMIN : AuditSource.HELPDESK;
        RotationEntity rotation = new Rotations(em, directory, new AuditLog(ctx.session(), ctx.realm()))
                .request(device, ctx.actor().withSource(source), ticket == null ? null : ticket.key(), body.reason());
        KeySourceProvider keySource = ctx.session().getProvider(KeySourceProvider.class, device.getSource());
        try {
            if (keySource == null) {
                throw new KeySourceUnavailableException("Key source '" + device.getSource() + "' is not installed.");
            }
            keySource.requestRotation(ctx.realm(), ctx.config(), device);
        } catch (KeySourceUnavailableException e) {
            ctx.session().getTransactionManager().setRollbackOnly();
            throw Problem.of(ProblemCode.KEY_SOURCE_UNAVAILABLE, e.getMessage()).exception();
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rotationId", rotation.getId());
        m.put("deviceId", device.getDeviceId());
        m.put("status", rotation.getStatus());
        m.put("requestedAt", DeviceRepresentations.iso(rotation.getRequestedAt()));
        return m;
    }
}
