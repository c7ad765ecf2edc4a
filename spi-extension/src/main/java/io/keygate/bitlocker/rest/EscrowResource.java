package io.keygate.bitlocker.rest;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.persistence.EntityManager;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.keygate.bitlocker.audit.AuditSource;
import io.keygate.bitlocker.authz.BitLockerRole;
import io.keygate.bitlocker.config.BitLockerConfig;
import io.keygate.bitlocker.device.DeviceDirectory;
import io.keygate.bitlocker.device.DeviceRepresentations;
import io.keygate.bitlocker.escrow.CheckIn;
import io.keygate.bitlocker.escrow.CheckInRequest;
import io.keygate.bitlocker.escrow.EscrowService;
import io.keygate.bitlocker.keysource.KeySourceUnavailableException;
import org.keycloak.common.util.Time;
import org.keycloak.connections.jpa.JpaConnectionProvider;

/** {@code /escrow}: device-agent check-in and the escrow status of the realm's fleet. */
public class EscrowResource {

    private final RequestContext ctx;

    public EscrowResource(RequestContext ctx) {
        this.ctx = ctx;
    }

    private EntityManager em() {
        return ctx.session().getProvider(JpaConnectionProvider.class).getEntityManager();
    }

    @PUT
    @Path("devices/{deviceId}")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response checkIn(@PathParam("deviceId") String deviceId, byte[] body) {
        ctx.requireAny(BitLockerRole.ESCROW_AGENT);
        if (!BitLockerConfig.KEY_SOURCE_LOCAL.equals(ctx.config().keySource)) {
            throw Problem.of(ProblemCode.ESCROW_NOT_LOCAL, "This realm's keys come from '" + ctx.config().keySource
                    + "'; agents cannot escrow into it.").exception();
        }
        CheckIn checkIn;
        try {
            checkIn = CheckIn.validate(deviceId, JsonBodies.read(body, CheckInRequest.class));
        } catch (IllegalArgumentException e) {
            throw Problem.of(ProblemCode.INVALID_REQUEST, e.getMessage()).exception();
        }
        EscrowService.Outcome outcome;
        try {
            outcome = new EscrowService(ctx.session(), ctx.realm(), ctx.config(), em())
                    .checkIn(checkIn, ctx.actor().withSource(AuditSource.AGENT));
        } catch (KeySourceUnavailableException e) {
            throw Problem.of(ProblemCode.KEY_SOURCE_UNAVAILABLE, e.getMessage()).exception();
        } catch (EscrowService.ConflictingKeyException e) {
            throw Problem.of(ProblemCode.INVALID_REQUEST, e.getMessage()).exception();
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("escrowStatus", outcome.escrowStatus().name());
        m.put("rotationRequested", outcome.rotationRequested());
        return JsonResponses.ok(m);
    }

    @GET
    @Path("status")
    @Produces(MediaType.APPLICATION_JSON)
    public Response status() {
        ctx.requireAny(BitLockerRole.HELPDESK, BitLockerRole.ADMIN, BitLockerRole.AUDITOR);
        DeviceDirectory directory = new DeviceDirectory(em(), ctx.realm().getId());
        Map<String, Object> m = new LinkedHashMap<>();
        Map<String, Long> counts = new LinkedHashMap<>();
        directory.statusCounts().forEach((status, n) -> counts.put(status.name(), n));
        m.put("counts", counts);
        m.put("attention", DeviceRepresentations.devices(directory.attention(Time.currentTimeMillis()), directory));
        m.put("sync", null);
        return JsonResponses.ok(m);
    }
}
