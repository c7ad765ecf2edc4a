package io.keygate.bitlocker.rest;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.keygate.bitlocker.authz.BearerAuthentication;
import io.keygate.bitlocker.authz.BitLockerRole;
import io.keygate.bitlocker.authz.RequestContext;
import io.keygate.bitlocker.config.BitLockerConfig;
import io.keygate.bitlocker.escrow.AgentCheckIn;
import io.keygate.bitlocker.escrow.CheckIn;
import io.keygate.bitlocker.escrow.CheckInRequest;
import io.keygate.bitlocker.escrow.DeviceBindings;
import io.keygate.bitlocker.escrow.DeviceEscrow;
import io.keygate.bitlocker.escrow.PinRequest;
import io.keygate.bitlocker.model.AuditSource;
import io.keygate.bitlocker.model.DeviceTarget;
import io.keygate.bitlocker.problem.Problem;
import io.keygate.bitlocker.problem.ProblemCode;
import io.keygate.bitlocker.representation.CheckInResponse;

/** {@code /escrow/devices/{deviceId}}: an agent's check-in, and the admin's pin of the device's binding. */
public class EscrowDeviceResource {

    private final RequestContext ctx;
    private final DeviceTarget target;

    public EscrowDeviceResource(RequestContext ctx, DeviceTarget target) {
        this.ctx = ctx;
        this.target = target;
    }

    /**
     * The check-in is the escrow write path: it looks the device up itself, under the chain's lock, and may
     * create it, so it validates the ID as sent rather than using the resolved device.
     */
    @PUT
    @Consumes(MediaType.WILDCARD)
    public Response checkIn(byte[] body) {
        return ProblemResponses.answer(ctx.session(), () -> {
            ctx.requireAny(BitLockerRole.ESCROW_AGENT);
            AgentCheckIn agents = new AgentCheckIn(ctx.session(), ctx.realm(), ctx.config().keySource);
            agents.requireEscrowingSource();
            String proofKey = requiredProofKey();
            agents.requireWithinLimit(BitLockerRealmResourceProviderFactory.checkInLimits(ctx.session()),
                    ctx.config().escrow.checkInsPerKeyPerHour, proofKey, target, ctx.actor().withSource(AuditSource.AGENT));
            CheckIn checkIn;
            try {
                checkIn = CheckIn.validate(target.raw(), JsonBodies.read(body, CheckInRequest.class));
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
    @Path("binding")
    @Consumes(MediaType.WILDCARD)
    public Response pinBinding(byte[] body) {
        return ProblemResponses.answer(ctx.session(), () -> {
            new DeviceBindings(ctx).pin(target, () -> JsonBodies.read(body, PinRequest.class));
            return Response.noContent().build();
        });
    }

    @DELETE
    @Path("binding")
    public Response resetBinding() {
        return ProblemResponses.answer(ctx.session(), () -> {
            new DeviceBindings(ctx).reset(target);
            return Response.noContent().build();
        });
    }
}
