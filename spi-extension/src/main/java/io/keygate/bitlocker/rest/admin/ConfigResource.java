package io.keygate.bitlocker.rest.admin;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.keygate.bitlocker.admin.ConfigAdministration;
import io.keygate.bitlocker.rest.JsonResponses;
import io.keygate.bitlocker.rest.ProblemResponses;
import io.keygate.bitlocker.rest.RequestBodies;
import org.keycloak.events.admin.OperationType;

/**
 * {@code GET|PUT /admin/realms/{realm}/bitlocker/config} (SPEC §8): {@code view-realm} to read,
 * {@code manage-realm} to change. A change raises the admin event {@value #RESOURCE_TYPE}
 * (the masked document: no secret value).
 */
public class ConfigResource {

    public static final String RESOURCE_TYPE = "BITLOCKER_CONFIG";

    private final BitLockerAdminResource admin;

    ConfigResource(BitLockerAdminResource admin) {
        this.admin = admin;
    }

    private ConfigAdministration config() {
        return new ConfigAdministration(admin.session(), admin.realm());
    }

    @GET
    public Response get() {
        return ProblemResponses.answer(admin.session(), () -> {
            admin.requireViewRealm();
            return JsonResponses.ok(config().current());
        });
    }

    @PUT
    @Consumes(MediaType.WILDCARD)
    public Response put(byte[] body) {
        return ProblemResponses.answer(admin.session(), () -> {
            admin.requireManageRealm();
            ConfigAdministration.Change change = config().update(RequestBodies.utf8(body), admin.admin());
            if (!change.changedKeys().isEmpty()) {
                admin.adminEvent().resource(RESOURCE_TYPE).operation(OperationType.UPDATE)
                        .resourcePath(admin.session().getContext().getUri())
                        .representation(change.document()).success();
            }
            return JsonResponses.ok(change.document());
        });
    }
}
