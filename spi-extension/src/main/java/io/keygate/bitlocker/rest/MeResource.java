package io.keygate.bitlocker.rest;

import java.util.List;

import jakarta.persistence.EntityManager;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.keygate.bitlocker.device.DeviceDirectory;
import io.keygate.bitlocker.device.DeviceRepresentations;
import io.keygate.bitlocker.jpa.DeviceEntity;
import org.keycloak.connections.jpa.JpaConnectionProvider;

/** {@code /me}: self-service for device owners; any authenticated user of the realm. */
public class MeResource {

    private final RequestContext ctx;

    public MeResource(RequestContext ctx) {
        this.ctx = ctx;
    }

    @GET
    @Path("devices")
    @Produces(MediaType.APPLICATION_JSON)
    public Response devices() {
        EntityManager em = ctx.session().getProvider(JpaConnectionProvider.class).getEntityManager();
        DeviceDirectory directory = new DeviceDirectory(em, ctx.realm().getId());
        List<DeviceEntity> mine = directory.ownedBy(ctx.caller().userId());
        return JsonResponses.ok(DeviceRepresentations.devices(mine, directory));
    }
}
