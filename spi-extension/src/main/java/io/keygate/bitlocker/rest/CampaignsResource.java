package io.keygate.bitlocker.rest;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.keygate.bitlocker.authz.RequestContext;
import io.keygate.bitlocker.campaign.Campaigns;
import io.keygate.bitlocker.model.CampaignStatus;
import io.keygate.bitlocker.representation.Converters;

/** {@code /campaigns}: many devices under one major incident (SPEC §14) — ask for one, list them. */
public class CampaignsResource {

    private final RequestContext ctx;

    public CampaignsResource(RequestContext ctx) {
        this.ctx = ctx;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    public Response create(byte[] body) {
        return ProblemResponses.answer(ctx.session(), () -> JsonResponses.status(201, Converters.toRepresentation(
                new Campaigns(ctx).create(() -> JsonBodies.read(body, Campaigns.CreateBody.class,
                        RequestBodies.MAX_CHECK_IN_BYTES)))));
    }

    @GET
    public Response list(@QueryParam("status") String status, @QueryParam("max") String max, @QueryParam("after") String after) {
        return ProblemResponses.answer(ctx.session(), () -> JsonResponses.ok(Converters.page(new Campaigns(ctx).list(
                QueryParams.enumValue(CampaignStatus.class, status, "status"), QueryParams.pageSize(max), after),
                Converters::toRepresentation)));
    }

    @Path("{campaignId}")
    public CampaignResource campaign(@PathParam("campaignId") String campaignId) {
        return new CampaignResource(ctx, campaignId);
    }
}
