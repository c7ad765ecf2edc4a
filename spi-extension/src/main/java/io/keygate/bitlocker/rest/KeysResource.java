package io.keygate.bitlocker.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import io.keygate.bitlocker.authz.RequestContext;
import io.keygate.bitlocker.directory.DeviceDirectory;
import io.keygate.bitlocker.model.DeviceProvider;
import io.keygate.bitlocker.model.DeviceTarget;
import io.keygate.bitlocker.model.EscrowStatus;
import io.keygate.bitlocker.representation.Converters;

/** {@code /keys}: key metadata, reveal, rotation, and (below {@code audit}) the audit log. */
public class KeysResource {

    private final RequestContext ctx;

    public KeysResource(RequestContext ctx) {
        this.ctx = ctx;
    }

    @GET
    public Response list(@QueryParam("search") String search, @QueryParam("status") String status,
            @QueryParam("max") String max, @QueryParam("after") String after) {
        return ProblemResponses.answer(ctx.session(), () -> JsonResponses.ok(Converters.page(new DeviceDirectory(ctx).search(search,
                QueryParams.enumValue(EscrowStatus.class, status, "status"),
                QueryParams.pageSize(max), after),
                Converters::toRepresentation)));
    }

    @Path("audit")
    public AuditResource audit() {
        return new AuditResource(ctx);
    }

    /**
     * Resolves the device once for every operation below it (like Keycloak's {@code UsersResource.user(id)}), but
     * answers nothing itself: SPEC §3 checks roles and step-up before a malformed ID or an unknown device.
     */
    @Path("{deviceId}")
    public DeviceKeysResource device(@PathParam("deviceId") String deviceId) {
        // Nothing is looked up here: the first step that needs the device asks, inside its problem handling.
        return new DeviceKeysResource(ctx, DeviceTarget.of(deviceId,
                id -> ctx.session().getProvider(DeviceProvider.class).getDevice(ctx.realm(), id)));
    }
}
