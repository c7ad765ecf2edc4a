package io.keygate.bitlocker.rest;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.keygate.bitlocker.approval.ReleaseRequests;
import io.keygate.bitlocker.authz.RequestContext;
import io.keygate.bitlocker.directory.DeviceDirectory;
import io.keygate.bitlocker.model.EscrowStatus;
import io.keygate.bitlocker.release.KeyRelease;
import io.keygate.bitlocker.release.RevealRequest;
import io.keygate.bitlocker.representation.RevealResponse;
import io.keygate.bitlocker.rotation.RotationRequests;

/** {@code /keys}: key metadata, reveal, rotation, and (below {@code audit}) the audit log. */
public class KeysResource {

    private final RequestContext ctx;

    public KeysResource(RequestContext ctx) {
        this.ctx = ctx;
    }

    @GET
    public Response list(@QueryParam("search") String search, @QueryParam("status") String status,
            @QueryParam("max") String max, @QueryParam("after") String after) {
        return ProblemResponses.answer(ctx.session(), () -> JsonResponses.ok(new DeviceDirectory(ctx).search(search,
                QueryParams.enumValue(EscrowStatus.class, status, "status"),
                QueryParams.pageSize(max, DeviceDirectory.DEFAULT_PAGE, DeviceDirectory.MAX_PAGE), after)));
    }

    @Path("audit")
    public AuditResource audit() {
        return new AuditResource(ctx);
    }

    @GET
    @Path("{deviceId}")
    public Response device(@PathParam("deviceId") String deviceId) {
        return ProblemResponses.answer(ctx.session(), () -> JsonResponses.ok(new DeviceDirectory(ctx).device(deviceId)));
    }

    /** The body is read by the release itself, after the caller's roles and step-up (SPEC §3 steps 1–3). */
    @POST
    @Path("{deviceId}/reveal")
    @Consumes(MediaType.WILDCARD)
    public Response reveal(@PathParam("deviceId") String deviceId, byte[] body) {
        return ProblemResponses.answer(ctx.session(), () -> {
            RevealResponse released = new KeyRelease(ctx).reveal(deviceId,
                    () -> JsonBodies.readOptional(body, RevealRequest.class, RevealRequest.EMPTY));
            // What a release writes is committed in transactions of its own before the key is returned (SPEC §3
            // step 9); the request's transaction only read. Ending it with a rollback, a database lost since then
            // cannot turn the answer into Keycloak's 500 at the request's commit.
            ctx.session().getTransactionManager().setRollbackOnly();
            return JsonResponses.noStore(released);
        });
    }

    /** Asks a second person to approve a release (SPEC §11); the body is read after the caller's roles. */
    @POST
    @Path("{deviceId}/requests")
    @Consumes(MediaType.WILDCARD)
    public Response requestRelease(@PathParam("deviceId") String deviceId, byte[] body) {
        return ProblemResponses.answer(ctx.session(), () -> JsonResponses.status(201, new ReleaseRequests(ctx).create(deviceId,
                () -> JsonBodies.read(body, ReleaseRequests.CreateBody.class))));
    }

    @POST
    @Path("{deviceId}/rotate")
    @Consumes(MediaType.WILDCARD)
    public Response rotate(@PathParam("deviceId") String deviceId, byte[] body) {
        return ProblemResponses.answer(ctx.session(), () -> {
            RotationRequests.Body request = JsonBodies.readOptional(body, RotationRequests.Body.class, RotationRequests.Body.EMPTY);
            return JsonResponses.status(202, new RotationRequests(ctx).request(deviceId, request));
        });
    }
}
