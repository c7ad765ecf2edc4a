package io.keygate.bitlocker.rest.admin;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.core.Response;

import io.keygate.bitlocker.admin.MetadataSync;
import io.keygate.bitlocker.representation.Converters;
import io.keygate.bitlocker.representation.SyncRepresentation;
import io.keygate.bitlocker.rest.JsonResponses;
import io.keygate.bitlocker.rest.ProblemResponses;
import org.keycloak.events.admin.OperationType;

/**
 * {@code POST /admin/realms/{realm}/bitlocker/sync}: synchronise the realm's key-source metadata now
 * (Entra ID), instead of at the next interval. {@code manage-realm}; raises the admin event
 * {@value #RESOURCE_TYPE}. {@code 202} with the sync's state; {@code GET …/escrow/status} follows it.
 */
public class SyncResource {

    public static final String RESOURCE_TYPE = "BITLOCKER_SYNC";

    private final BitLockerAdminResource admin;

    SyncResource(BitLockerAdminResource admin) {
        this.admin = admin;
    }

    @POST
    public Response syncNow() {
        return ProblemResponses.answer(admin.session(), () -> {
            admin.requireManageRealm();
            SyncRepresentation state = Converters.toRepresentation(new MetadataSync(admin.session(), admin.realm()).requestNow());
            admin.adminEvent().resource(RESOURCE_TYPE).operation(OperationType.ACTION)
                    .resourcePath(admin.session().getContext().getUri()).representation(state).success();
            return JsonResponses.status(202, state);
        });
    }
}
