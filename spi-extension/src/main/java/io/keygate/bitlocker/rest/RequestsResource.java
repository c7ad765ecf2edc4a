package io.keygate.bitlocker.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import io.keygate.bitlocker.approval.ReleaseRequests;
import io.keygate.bitlocker.authz.RequestContext;
import io.keygate.bitlocker.model.ReleaseRequestStatus;
import io.keygate.bitlocker.representation.Converters;

/** {@code /requests}: dual control's release requests (SPEC §11) — list, look at, decide, withdraw. */
public class RequestsResource {

    private final RequestContext ctx;

    public RequestsResource(RequestContext ctx) {
        this.ctx = ctx;
    }

    @GET
    public Response list(@QueryParam("status") String status, @QueryParam("max") String max, @QueryParam("after") String after) {
        return ProblemResponses.answer(ctx.session(), () -> JsonResponses.ok(Converters.page(new ReleaseRequests(ctx).list(
                QueryParams.enumValue(ReleaseRequestStatus.class, status, "status"),
                QueryParams.pageSize(max), after), Converters::toRepresentation)));
    }

    @Path("{requestId}")
    public RequestResource request(@PathParam("requestId") String requestId) {
        return new RequestResource(ctx, requestId);
    }
}
