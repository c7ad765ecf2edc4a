package io.keygate.bitlocker.rest.admin;

import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.Path;

import io.keygate.bitlocker.audit.AuditActor;
import io.keygate.bitlocker.model.AuditSource;
import io.keygate.bitlocker.problem.Problem;
import io.keygate.bitlocker.problem.ProblemCode;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/** {@code /admin/realms/{realm}/bitlocker}: behind Keycloak's admin authentication; changes raise admin events. */
public class BitLockerAdminResource {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminPermissionEvaluator auth;
    private final AdminEventBuilder adminEvent;

    public BitLockerAdminResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth,
            AdminEventBuilder adminEvent) {
        this.session = session;
        this.realm = realm;
        this.auth = auth;
        this.adminEvent = adminEvent;
    }

    @Path("config")
    public ConfigResource config() {
        return new ConfigResource(this);
    }

    @Path("kek")
    public KekResource kek() {
        return new KekResource(this);
    }

    @Path("sync")
    public SyncResource sync() {
        return new SyncResource(this);
    }

    KeycloakSession session() {
        return session;
    }

    RealmModel realm() {
        return realm;
    }

    AdminEventBuilder adminEvent() {
        return adminEvent;
    }

    /** Keycloak's {@code view-realm} check, answered as a problem document like every other denial. */
    void requireViewRealm() {
        require(() -> auth.realm().requireViewRealm());
    }

    /** Keycloak's {@code manage-realm} check. */
    void requireManageRealm() {
        require(() -> auth.realm().requireManageRealm());
    }

    private static void require(Runnable check) {
        try {
            check.run();
        } catch (ForbiddenException e) {
            throw Problem.of(ProblemCode.FORBIDDEN, "Insufficient admin permissions for this realm.").exception();
        }
    }

    /** The calling administrator, as the audit log records them. */
    AuditActor admin() {
        UserModel admin = auth.adminAuth().getUser();
        return new AuditActor(admin.getId(), admin.getUsername(), auth.adminAuth().getToken().getIssuedFor(),
                session.getContext().getConnection().getRemoteAddr(),
                session.getContext().getRequestHeaders().getHeaderString("User-Agent"), AuditSource.ADMIN);
    }
}
