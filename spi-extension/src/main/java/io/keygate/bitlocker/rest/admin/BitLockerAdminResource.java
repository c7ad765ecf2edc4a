package io.keygate.bitlocker.rest.admin;

import jakarta.ws.rs.Path;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/** {@code /admin/realms/{realm}/bitlocker}. */
public class BitLockerAdminResource {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminPermissionEvaluator auth;

    public BitLockerAdminResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth) {
        this.session = session;
        this.realm = realm;
        this.auth = auth;
    }

    @Path("config")
    public ConfigResource config() {
        return new ConfigResource(session, realm, auth);
    }

    @Path("kek")
    public KekResource kek() {
        return new KekResource(session, realm, auth);
    }
}
