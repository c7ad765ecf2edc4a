package io.keygate.bitlocker.rest;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.keygate.bitlocker.authz.BearerAuthentication;
import io.keygate.bitlocker.authz.BitLockerRole;
import io.keygate.bitlocker.authz.RequestContext;
import io.keygate.bitlocker.escrow.AgentCheckIn;
import io.keygate.bitlocker.escrow.CheckIn;
import io.keygate.bitlocker.escrow.CheckInRequest;
import io.keygate.bitlocker.config.BitLockerConfig;
import io.keygate.bitlocker.escrow.DeviceBindings;
import io.keygate.bitlocker.escrow.DeviceEscrow;
import io.keygate.bitlocker.escrow.PinRequest;
import io.keygate.bitlocker.directory.EscrowHealth;
import io.keygate.bitlocker.keysource.KeySourceProvider;
import io.keygate.bitlocker.model.AuditSource;
import io.keygate.bitlocker.problem.Problem;
import io.keygate.bitlocker.problem.ProblemCode;
import io.keygate.bitlocker.representation.CheckInResponse;
import org.keycloak.common.util.Time;

/** {@code /escrow}: device-agent check-in and the escrow status of the realm's fleet. */
public class EscrowResource {

    private final RequestContext ctx;

    public EscrowResource(RequestContext ctx) {
        this.ctx = ctx;
    }

    @PUT
    @Path("devices/{deviceId}")
    @Consumes(MediaType.WILDCARD)
    public Response checkIn(@PathParam("deviceId") String deviceId, byte[] body) {
        return ProblemResponses.answer(ctx.session(), () -> {
            ctx.requireAny(BitLockerRole.ESCROW_AGENT);
            AgentCheckIn agents = new AgentCheckIn(ctx.session(), ctx.realm(), ctx.config().keySource);
            agents.requireEscrowingSource();
            String proofKey = requiredProofKey();
            agents.requireWithinLimit(BitLockerRealmResourceProviderFactory.checkInLimits(ctx.session()),
                    ctx.config().escrow.checkInsPerKeyPerHour, proofKey, deviceId, ctx.actor().withSource(AuditSource.AGENT));
            CheckIn checkIn;
            try {
                checkIn = CheckIn.validate(deviceId, JsonBodies.read(body, CheckInRequest.class));
            } catch (IllegalArgumentException e) {
                throw Problem.of(ProblemCode.INVALID_REQUEST, e.getMessage()).exception();
            }
            DeviceEscrow.Outcome outcome = agents.checkIn(checkIn, ctx.actor().withSource(AuditSource.AGENT), proofKey);
            return JsonResponses.ok(new CheckInResponse(outcome.escrowStatus().name(), outcome.rotationRequested()));
        });
    }

    /**
     * Where devices are bound ({@code escrow.deviceBinding: dpop}), a check-in needs a DPoP-bound token with
     * this request's proof (RFC 9449): the thumbprint of its key. {@code null} where the realm runs unbound.
     */
    private String requiredProofKey() {
        if (!BitLockerConfig.Escrow.BINDING_DPOP.equals(ctx.config().escrow.deviceBinding)) {
            return null;
        }
        String proofKey = ctx.caller().proofKey();
        if (proofKey == null) {
            String why = "This realm binds each device to its agent's key: check in with a DPoP-bound token and a DPoP proof.";
            throw Problem.of(ProblemCode.AUTHENTICATION_REQUIRED, why)
                    .header("WWW-Authenticate", BearerAuthentication.dpopChallenge(ctx.session(), why)).exception();
        }
        return proofKey;
    }

    @PUT
    @Path("devices/{deviceId}/binding")
    @Consumes(MediaType.WILDCARD)
    public Response pinBinding(@PathParam("deviceId") String deviceId, byte[] body) {
        return ProblemResponses.answer(ctx.session(), () -> {
            new DeviceBindings(ctx).pin(deviceId, () -> JsonBodies.read(body, PinRequest.class));
            return Response.noContent().build();
        });
    }

    @DELETE
    @Path("devices/{deviceId}/binding")
    public Response resetBinding(@PathParam("deviceId") String deviceId) {
        return ProblemResponses.answer(ctx.session(), () -> {
            new DeviceBindings(ctx).reset(deviceId);
            return Response.noContent().build();
        });
    }

    @GET
    @Path("status")
    public Response status() {
        return ProblemResponses.answer(ctx.session(), () -> {
            ctx.requireAny(BitLockerRole.HELPDESK, BitLockerRole.ADMIN, BitLockerRole.AUDITOR);
            KeySourceProvider source = ctx.session().getProvider(KeySourceProvider.class, ctx.config().keySource);
            return JsonResponses.ok(new EscrowHealth(ctx.session(), ctx.realm()).status(Time.currentTimeMillis(),
                ctx.config().escrow.deviceBinding, source != null && source.syncsMetadata()));
        });
    }
}
