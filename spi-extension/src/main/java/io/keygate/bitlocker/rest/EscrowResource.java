package io.keygate.bitlocker.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

import io.keygate.bitlocker.authz.RequestContext;
import io.keygate.bitlocker.directory.EscrowHealth;
import io.keygate.bitlocker.keysource.KeySourceProvider;
import io.keygate.bitlocker.model.DeviceProvider;
import io.keygate.bitlocker.model.DeviceTarget;
import io.keygate.bitlocker.representation.Converters;
import org.keycloak.common.util.Time;

/** {@code /escrow}: device-agent check-in and the escrow status of the realm's fleet. */
public class EscrowResource {

    private final RequestContext ctx;

    public EscrowResource(RequestContext ctx) {
        this.ctx = ctx;
    }

    /**
     * One device's escrow: its agent's check-in and the admin's binding. Resolves the device once and answers
     * nothing itself (roles and step-up come first, SPEC §3).
     */
    @Path("devices/{deviceId}")
    public EscrowDeviceResource device(@PathParam("deviceId") String deviceId) {
        // Nothing is looked up here: the first step that needs the device asks, inside its problem handling.
        return new EscrowDeviceResource(ctx, DeviceTarget.of(deviceId,
                id -> ctx.session().getProvider(DeviceProvider.class).getDevice(ctx.realm(), id)));
    }

    @GET
    @Path("status")
    public Response status() {
        return ProblemResponses.answer(ctx.session(), () -> {
            EscrowHealth health = EscrowHealth.forCaller(ctx);
            KeySourceProvider source = ctx.session().getProvider(KeySourceProvider.class, ctx.config().keySource);
            boolean syncs = source != null && source.syncsMetadata();
            return JsonResponses.ok(Converters.toRepresentation(health.counts(), health.attention(Time.currentTimeMillis()),
                    health.sharingName(), syncs ? Converters.toRepresentation(health.syncState()) : null,
                    ctx.config().escrow.deviceBinding));
        });
    }
}
