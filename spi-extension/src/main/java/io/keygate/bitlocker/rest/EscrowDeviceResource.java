package io.keygate.bitlocker.rest;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.keygate.bitlocker.authz.RequestContext;
import io.keygate.bitlocker.escrow.AgentCheckIn;
import io.keygate.bitlocker.escrow.CheckInRequest;
import io.keygate.bitlocker.escrow.DeviceBindings;
import io.keygate.bitlocker.escrow.DeviceEscrow;
import io.keygate.bitlocker.escrow.PinRequest;
import io.keygate.bitlocker.model.DeviceTarget;
import io.keygate.bitlocker.representation.CheckInResponse;

/** {@code /escrow/devices/{deviceId}}: an agent's check-in, and the admin's pin of the device's binding. */
public class EscrowDeviceResource {

    private final RequestContext ctx;
    private final DeviceTarget target;

    public EscrowDeviceResource(RequestContext ctx, DeviceTarget target) {
        this.ctx = ctx;
        this.target = target;
    }

    @PUT
    @Consumes(MediaType.WILDCARD)
    public Response checkIn(byte[] body) {
        return ProblemResponses.answer(ctx.session(), () -> {
            DeviceEscrow.Outcome outcome = new AgentCheckIn(ctx).checkIn(target,
                    BitLockerRealmResourceProviderFactory.checkInLimits(ctx.session()),
                    () -> JsonBodies.read(body, CheckInRequest.class, RequestBodies.MAX_CHECK_IN_BYTES));
            return JsonResponses.ok(new CheckInResponse(outcome.escrowStatus().name(), outcome.rotationRequested()));
        });
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
