package io.keygate.bitlocker.rest;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.keygate.bitlocker.approval.ReleaseRequests;
import io.keygate.bitlocker.authz.RequestContext;
import io.keygate.bitlocker.directory.DeviceDirectory;
import io.keygate.bitlocker.model.DeviceProvider;
import io.keygate.bitlocker.model.DeviceTarget;
import io.keygate.bitlocker.model.ReleasedKey;
import io.keygate.bitlocker.release.KeyRelease;
import io.keygate.bitlocker.release.RevealRequest;
import io.keygate.bitlocker.representation.Converters;
import io.keygate.bitlocker.rotation.RotationRequests;

/**
 * {@code /keys/{deviceId}}: one device's keys — view, reveal, rotate, ask for a release. The device is resolved
 * once, by {@link KeysResource#device}, and each operation raises "malformed" or "not found" at its own step.
 */
public class DeviceKeysResource {

    private final RequestContext ctx;
    private final DeviceTarget target;

    public DeviceKeysResource(RequestContext ctx, DeviceTarget target) {
        this.ctx = ctx;
        this.target = target;
    }

    /** Shown from this node's device cache; everything below reads the device as committed, in its own transaction. */
    @GET
    public Response view() {
        DeviceTarget viewed = DeviceTarget.of(target.raw(),
                id -> ctx.session().getProvider(DeviceProvider.class).getDeviceForViewing(ctx.realm(), id));
        return ProblemResponses.answer(ctx.session(), () -> JsonResponses.ok(Converters.toRepresentation(
                new DeviceDirectory(ctx).device(viewed))));
    }

    /** The body is read by the release itself, after the caller's roles and step-up (SPEC §3 steps 1–3). */
    @POST
    @Path("reveal")
    @Consumes(MediaType.WILDCARD)
    public Response reveal(byte[] body) {
        return ProblemResponses.answer(ctx.session(), () -> {
            ReleasedKey released = new KeyRelease(ctx).reveal(target,
                    () -> JsonBodies.readOptional(body, RevealRequest.class, RevealRequest.EMPTY));
            // What a release writes is committed in transactions of its own before the key is returned (SPEC §3
            // step 9); the request's transaction only read. Ending it with a rollback, a database lost since then
            // cannot turn the answer into Keycloak's 500 at the request's commit.
            ctx.session().getTransactionManager().setRollbackOnly();
            return JsonResponses.noStore(Converters.toRepresentation(released));
        });
    }

    /** Asks a second person to approve a release (SPEC §11); the body is read after the caller's roles. */
    @POST
    @Path("requests")
    @Consumes(MediaType.WILDCARD)
    public Response requestRelease(byte[] body) {
        return ProblemResponses.answer(ctx.session(), () -> JsonResponses.status(201, Converters.toRepresentation(
                new ReleaseRequests(ctx).create(target, () -> JsonBodies.read(body, ReleaseRequests.CreateBody.class)))));
    }

    @POST
    @Path("rotate")
    @Consumes(MediaType.WILDCARD)
    public Response rotate(byte[] body) {
        return ProblemResponses.answer(ctx.session(), () -> {
            RotationRequests.Body request = JsonBodies.readOptional(body, RotationRequests.Body.class, RotationRequests.Body.EMPTY);
            return JsonResponses.status(202, Converters.toRepresentation(new RotationRequests(ctx).request(target, request)));
        });
    }
}
