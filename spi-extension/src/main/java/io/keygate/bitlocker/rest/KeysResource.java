package io.keygate.bitlocker.rest;

import java.util.List;
import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.keygate.bitlocker.authz.BitLockerRole;

/** {@code /keys}: key metadata, reveal, rotation and the audit log. */
public class KeysResource {

    private final RequestContext ctx;

    public KeysResource(RequestContext ctx) {
        this.ctx = ctx;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public jakarta.ws.rs.core.Response list() {
        ctx.requireAny(BitLockerRole.HELPDESK, BitLockerRole.ADMIN);
        Map<String, Object> page = new java.util.LinkedHashMap<>();
        page.put("items", List.of());
        page.put("next", null);
        return JsonResponses.ok(page);
    }
}
