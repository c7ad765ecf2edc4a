package io.keygate.bitlocker.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

import io.keygate.bitlocker.authz.RequestContext;
import io.keygate.bitlocker.directory.DeviceDirectory;
import io.keygate.bitlocker.representation.Converters;

/** {@code /me}: self-service for device owners; any authenticated user of the realm. */
public class MeResource {

    private final RequestContext ctx;

    public MeResource(RequestContext ctx) {
        this.ctx = ctx;
    }

    @GET
    @Path("devices")
    public Response devices() {
        return ProblemResponses.answer(ctx.session(), () -> JsonResponses.ok(Converters.devices(new DeviceDirectory(ctx).mine())));
    }
}
