package io.keygate.bitlocker.rest.admin;

import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.keygate.bitlocker.audit.AuditAction;
import io.keygate.bitlocker.audit.AuditEvent;
import io.keygate.bitlocker.audit.AuditLog;
import io.keygate.bitlocker.audit.AuditOutcome;
import io.keygate.bitlocker.audit.AuditSource;
import io.keygate.bitlocker.config.BitLockerConfig;
import io.keygate.bitlocker.config.ConfigDocument;
import io.keygate.bitlocker.config.ConfigValidationException;
import io.keygate.bitlocker.config.RealmConfigStore;
import io.keygate.bitlocker.config.RealmEnablement;
import io.keygate.bitlocker.rest.JsonResponses;
import io.keygate.bitlocker.rest.Problem;
import io.keygate.bitlocker.rest.ProblemCode;
import io.keygate.bitlocker.rest.RequestBodies;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/**
 * {@code GET|PUT /admin/realms/{realm}/bitlocker/config} (SPEC §8): {@code view-realm} to read,
 * {@code manage-realm} to change. A PUT is validated as a whole before anything is stored.
 */
public class ConfigResource {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminPermissionEvaluator auth;

    public ConfigResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth) {
        this.session = session;
        this.realm = realm;
        this.auth = auth;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response get() {
        require(() -> auth.realm().requireViewRealm());
        return JsonResponses.ok(ConfigDocument.masked(new RealmConfigStore(session, realm).load()));
    }

    @PUT
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response put(byte[] body) {
        require(() -> auth.realm().requireManageRealm());
        String json = RequestBodies.utf8(body);
        RealmConfigStore store = new RealmConfigStore(session, realm);
        BitLockerConfig before = store.load();
        BitLockerConfig after;
        try {
            after = ConfigDocument.applyUpdate(before, json);
        } catch (ConfigValidationException e) {
            throw Problem.of(ProblemCode.INVALID_REQUEST, e.getMessage()).exception();
        }
        List<String> changed = ConfigDocument.changedPaths(before, after);
        if (after.enabled) {
            RealmEnablement.ensureRolesAndClient(session, realm);
        }
        if (!changed.isEmpty()) {
            store.save(after);
            auditChange(session, realm, auth, "changed: " + String.join(", ", changed));
        }
        return JsonResponses.ok(ConfigDocument.masked(after));
    }

    /** CONFIG_CHANGED by the calling administrator; the reason names keys, never values. */
    static void auditChange(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth, String reason) {
        UserModel admin = auth.adminAuth().getUser();
        new AuditLog(session, realm).append(AuditEvent.of(AuditAction.CONFIG_CHANGED, AuditOutcome.SUCCESS, AuditSource.ADMIN)
                .actor(admin.getId(), admin.getUsername())
                .client(auth.adminAuth().getToken().getIssuedFor(),
                        session.getContext().getConnection().getRemoteAddr(),
                        session.getContext().getRequestHeaders().getHeaderString("User-Agent"))
                .reason(reason));
    }

    /** Keycloak's permission check, answered as a problem document like every other denial. */
    static void require(Runnable check) {
        try {
            check.run();
        } catch (ForbiddenException e) {
            throw Problem.of(ProblemCode.FORBIDDEN, "Insufficient admin permissions for this realm.").exception();
        }
    }
}
