package io.keygate.bitlocker.rest;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.keygate.bitlocker.approval.ReleaseRequests;
import io.keygate.bitlocker.authz.RequestContext;
import io.keygate.bitlocker.representation.Converters;
import io.keygate.bitlocker.representation.DecisionBody;

/**
 * {@code /requests/{requestId}}: one release request — look at it, decide it, withdraw it (SPEC §11). The
 * request is looked up by the operation, after its role and step-up checks: who may see it decides the 404.
 */
public class RequestResource {

    private final RequestContext ctx;
    private final String requestId;

    public RequestResource(RequestContext ctx, String requestId) {
        this.ctx = ctx;
        this.requestId = requestId;
    }

    @GET
    public Response get() {
        return ProblemResponses.answer(ctx.session(), () -> JsonResponses.ok(Converters.toRepresentation(
                new ReleaseRequests(ctx).get(requestId))));
    }

    @POST
    @Path("approve")
    @Consumes(MediaType.WILDCARD)
    public Response approve(byte[] body) {
        return decide(true, body);
    }

    @POST
    @Path("reject")
    @Consumes(MediaType.WILDCARD)
    public Response reject(byte[] body) {
        return decide(false, body);
    }

    private Response decide(boolean approve, byte[] body) {
        return ProblemResponses.answer(ctx.session(), () -> JsonResponses.ok(Converters.toRepresentation(
                new ReleaseRequests(ctx).decide(requestId, approve, () -> JsonBodies.readOptional(body,
                        DecisionBody.class, DecisionBody.EMPTY)))));
    }

    @DELETE
    public Response withdraw() {
        return ProblemResponses.answer(ctx.session(), () -> {
            new ReleaseRequests(ctx).withdraw(requestId);
            return Response.noContent().build();
        });
    }
}
