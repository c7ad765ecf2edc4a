package io.keygate.bitlocker.rest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.persistence.EntityManager;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.keygate.bitlocker.authz.BitLockerRole;
import io.keygate.bitlocker.device.DeviceDirectory;
import io.keygate.bitlocker.device.DeviceRepresentations;
import io.keygate.bitlocker.device.EscrowStatus;
import io.keygate.bitlocker.device.Guid;
import io.keygate.bitlocker.device.PageCursor;
import io.keygate.bitlocker.device.SearchTerm;
import io.keygate.bitlocker.jpa.DeviceEntity;
import io.keygate.bitlocker.release.KeyRelease;
import io.keygate.bitlocker.release.RevealRequest;
import io.keygate.bitlocker.rotation.RotationRequests;
import org.keycloak.connections.jpa.JpaConnectionProvider;

/** {@code /keys}: key metadata, reveal, rotation, and (below {@code audit}) the audit log. */
public class KeysResource {

    public static final int DEFAULT_PAGE = 50;
    public static final int MAX_PAGE = 500;

    private final RequestContext ctx;

    public KeysResource(RequestContext ctx) {
        this.ctx = ctx;
    }

    private DeviceDirectory directory() {
        EntityManager em = ctx.session().getProvider(JpaConnectionProvider.class).getEntityManager();
        return new DeviceDirectory(em, ctx.realm().getId());
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response list(@QueryParam("search") String search, @QueryParam("status") String status,
            @QueryParam("max") String max, @QueryParam("after") String after) {
        ctx.requireAny(BitLockerRole.HELPDESK, BitLockerRole.ADMIN);
        int pageSize = QueryParams.pageSize(max, DEFAULT_PAGE, MAX_PAGE);
        EscrowStatus statusFilter = QueryParams.enumValue(EscrowStatus.class, status, "status");
        PageCursor cursor = null;
        if (after != null && !after.isEmpty()) {
            cursor = PageCursor.decode(after);
            if (cursor == null) {
                throw Problem.of(ProblemCode.INVALID_REQUEST, "'after' is not a cursor returned by this API.").exception();
            }
        }
        if (search != null && search.length() > 255) {
            throw Problem.of(ProblemCode.INVALID_REQUEST, "'search' is limited to 255 characters.").exception();
        }
        DeviceDirectory directory = directory();
        List<DeviceEntity> rows = directory.page(SearchTerm.parse(search), statusFilter, pageSize, cursor);
        boolean more = rows.size() > pageSize;
        List<DeviceEntity> page = more ? rows.subList(0, pageSize) : rows;
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("items", DeviceRepresentations.devices(page, directory));
        DeviceEntity last = page.isEmpty() ? null : page.get(page.size() - 1);
        body.put("next", more ? new PageCursor(last.getDeviceNameLower(), last.getDeviceId()).encode() : null);
        return JsonResponses.ok(body);
    }

    @Path("audit")
    public AuditResource audit() {
        return new AuditResource(ctx);
    }

    @GET
    @Path("{deviceId}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response device(@PathParam("deviceId") String rawDeviceId) {
        String deviceId = Guid.normalize(rawDeviceId);
        DeviceDirectory directory = directory();
        DeviceEntity device = deviceId == null ? null : directory.find(deviceId);
        boolean owner = device != null && ctx.caller().userId().equals(device.getOwnerUserId());
        if (!owner) {
            ctx.requireAny(BitLockerRole.HELPDESK, BitLockerRole.ADMIN);
        }
        if (deviceId == null) {
            throw Problem.of(ProblemCode.INVALID_REQUEST, "The device ID must be a GUID.").exception();
        }
        if (device == null) {
            throw Problem.of(ProblemCode.DEVICE_NOT_FOUND, "No device " + deviceId + ".").exception();
        }
        return JsonResponses.ok(DeviceRepresentations.devices(List.of(device), directory).get(0));
    }

    @POST
    @Path("{deviceId}/reveal")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response reveal(@PathParam("deviceId") String deviceId, byte[] body) {
        RevealRequest request = body == null || body.length == 0 ? RevealRequest.EMPTY
                : JsonBodies.read(body, RevealRequest.class);
        return JsonResponses.noStore(new KeyRelease(ctx).reveal(deviceId, request));
    }

    @POST
    @Path("{deviceId}/rotate")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response rotate(@PathParam("deviceId") String deviceId, byte[] body) {
        RotationRequests.Body request = body == null || body.length == 0 ? RotationRequests.Body.EMPTY
                : JsonBodies.read(body, RotationRequests.Body.class);
        return JsonResponses.status(202, new RotationRequests(ctx).request(deviceId, request));
    }
}
