package io.keygate.bitlocker.rest;

import jakarta.ws.rs.Path;

import io.keygate.bitlocker.authz.RequestContext;

/** {@code /realms/{realm}/devices/security/bitlocker}: the product's API, one sub-resource per concern. */
public class BitLockerResource {

    private final RequestContext ctx;

    public BitLockerResource(RequestContext ctx) {
        this.ctx = ctx;
    }

    @Path("keys")
    public KeysResource keys() {
        return new KeysResource(ctx);
    }

    @Path("me")
    public MeResource me() {
        return new MeResource(ctx);
    }

    @Path("requests")
    public RequestsResource requests() {
        return new RequestsResource(ctx);
    }

    @Path("campaigns")
    public CampaignsResource campaigns() {
        return new CampaignsResource(ctx);
    }

    @Path("escrow")
    public EscrowResource escrow() {
        return new EscrowResource(ctx);
    }
}
