package io.keygate.bitlocker.rest;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.keygate.bitlocker.authz.RequestContext;
import io.keygate.bitlocker.campaign.Campaigns;
import io.keygate.bitlocker.model.CampaignDeviceState;
import io.keygate.bitlocker.representation.Converters;
import io.keygate.bitlocker.representation.DecisionBody;

/** {@code /campaigns/{campaignId}}: one campaign — its progress, its devices, its decision, its end (SPEC §14). */
public class CampaignResource {

    private final RequestContext ctx;
    private final String campaignId;

    public CampaignResource(RequestContext ctx, String campaignId) {
        this.ctx = ctx;
        this.campaignId = campaignId;
    }

    @GET
    public Response get() {
        return ProblemResponses.answer(ctx.session(), () -> JsonResponses.ok(Converters.toRepresentation(
                new Campaigns(ctx).get(campaignId))));
    }

    @GET
    @Path("devices")
    public Response devices(@QueryParam("state") String state, @QueryParam("search") String search,
            @QueryParam("max") String max, @QueryParam("after") String after) {
        return ProblemResponses.answer(ctx.session(), () -> JsonResponses.ok(Converters.page(new Campaigns(ctx).devices(
                campaignId, QueryParams.enumValue(CampaignDeviceState.class, state, "state"), search,
                QueryParams.pageSize(max), after), Converters::toRepresentation)));
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
                new Campaigns(ctx).decide(campaignId, approve, () -> JsonBodies.readOptional(body,
                        DecisionBody.class, DecisionBody.EMPTY)))));
    }

    @DELETE
    public Response close() {
        return ProblemResponses.answer(ctx.session(), () -> {
            new Campaigns(ctx).close(campaignId);
            return Response.noContent().build();
        });
    }
}
