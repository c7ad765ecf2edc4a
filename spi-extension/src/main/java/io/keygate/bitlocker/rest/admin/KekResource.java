package io.keygate.bitlocker.rest.admin;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.keygate.bitlocker.admin.ConfigAdministration;
import io.keygate.bitlocker.representation.KekRotationRepresentation;
import io.keygate.bitlocker.rest.JsonBodies;
import io.keygate.bitlocker.rest.JsonResponses;
import io.keygate.bitlocker.rest.ProblemResponses;
import org.keycloak.events.admin.OperationType;

/**
 * {@code POST /admin/realms/{realm}/bitlocker/kek}: a new key-encryption key for the local vault, every
 * escrowed key re-wrapped under it. {@code manage-realm} required; raises the admin event
 * {@value #RESOURCE_TYPE} (KEK fingerprints and counts, never a key).
 */
public class KekResource {

    public static final String RESOURCE_TYPE = "BITLOCKER_KEK";

    /** The request: the new KEK (literal base64 or {@code ${vault.name}}). */
    public record Body(String kek) {
        @Override
        public String toString() {
            return "Body[kek=…]";
        }
    }

    private final BitLockerAdminResource admin;

    KekResource(BitLockerAdminResource admin) {
        this.admin = admin;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    public Response rotate(byte[] body) {
        return ProblemResponses.answer(admin.session(), () -> {
            admin.requireManageRealm();
            Body request = JsonBodies.read(body, Body.class);
            ConfigAdministration.KekRotated rotated = new ConfigAdministration(admin.session(), admin.realm())
                    .rotateKek(request.kek(), admin.admin());
            KekRotationRepresentation result = new KekRotationRepresentation(rotated.kekId(), rotated.previousKekId(),
                    rotated.rewrapped(), rotated.alreadyCurrent(), rotated.unreadable());
            admin.adminEvent().resource(RESOURCE_TYPE).operation(OperationType.ACTION)
                    .resourcePath(admin.session().getContext().getUri()).representation(result).success();
            return JsonResponses.ok(result);
        });
    }
}
