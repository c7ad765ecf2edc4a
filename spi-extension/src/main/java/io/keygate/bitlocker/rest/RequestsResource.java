package io.keygate.bitlocker.rest;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.keygate.bitlocker.approval.ReleaseRequests;
import io.keygate.bitlocker.authz.RequestContext;
import io.keygate.bitlocker.model.ReleaseRequestStatus;

/** {@code /requests}: dual control's release requests (SPEC §11) — list, look at, decide, withdraw. */
public class RequestsResource {

    static final int DEFAULT_PAGE = 50;
    static final int MAX_PAGE = 500;

    private final RequestContext ctx;

    public RequestsResource(RequestContext ctx) {
        this.ctx = ctx;
    }

    @GET
    public Response list(@QueryParam("status") String status, @QueryParam("max") String max, @QueryParam("after") String after) {
        return ProblemResponses.answer(ctx.session(), () -> JsonResponses.ok(new ReleaseRequests(ctx).list(
                QueryParams.enumValue(ReleaseRequestStatus.class, status, "status"),
                QueryParams.pageSize(max, DEFAULT_PAGE, MAX_PAGE), after)));
    }

    @GET
    @Path("{requestId}")
    public Response get(@PathParam("requestId") String requestId) {
        return ProblemResponses.answer(ctx.session(), () -> JsonResponses.ok(new ReleaseRequests(ctx).get(requestId)));
    }

    @POST
    @Path("{requestId}/approve")
    @Consumes(MediaType.WILDCARD)
    public Response approve(@PathParam("requestId") String requestId, byte[] body) {
        return decide(requestId, true, body);
    }

    @POST
    @Path("{requestId}/reject")
    @Consumes(MediaType.WILDCARD)
    public Response reject(@PathParam("requestId") String requestId, byte[] body) {
        return decide(requestId, false, body);
    }

    private Response decide(String requestId, boolean approve, byte[] body) {
        return ProblemResponses.answer(ctx.session(), () -> JsonResponses.ok(new ReleaseRequests(ctx).decide(requestId,
                approve, () -> JsonBodies.readOptional(body, ReleaseRequests.DecisionBody.class,
                        ReleaseRequests.DecisionBody.EMPTY))));
    }

    @DELETE
    @Path("{requestId}")
    public Response withdraw(@PathParam("requestId") String requestId) {
        return ProblemResponses.answer(ctx.session(), () -> {
            new ReleaseRequests(ctx).withdraw(requestId);
            return Response.noContent().build();
        });
    }
}
