package io.keygate.bitlocker.admin;

import io.keygate.bitlocker.authz.BitLockerRole;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.protocol.oidc.OIDCLoginProtocol;

/** What enabling the extension in a realm creates (SPEC §8); safe to run any number of times. */
public final class RealmEnablement {

    public static final String CONSOLE_CLIENT_ID = "bitlocker-console";

    private RealmEnablement() {
    }

    public static void ensureRolesAndClient(KeycloakSession session, RealmModel realm) {
        for (BitLockerRole role : BitLockerRole.values()) {
            RoleModel existing = realm.getRole(role.roleName());
            if (existing == null) {
                RoleModel created = realm.addRole(role.roleName());
                created.setDescription(role.description());
            }
        }
        if (realm.getClientByClientId(CONSOLE_CLIENT_ID) == null) {
            ClientModel console = realm.addClient(CONSOLE_CLIENT_ID);
            console.setName("BitLocker Key Gate console");
            console.setProtocol(OIDCLoginProtocol.LOGIN_PROTOCOL);
            console.setPublicClient(true);
            console.setClientAuthenticatorType("client-secret");
            console.setStandardFlowEnabled(true);
            console.setDirectAccessGrantsEnabled(false);
            console.setImplicitFlowEnabled(false);
            console.setServiceAccountsEnabled(false);
            console.setFullScopeAllowed(true);
            console.setEnabled(true);
            console.setRootUrl("${authBaseUrl}");
            console.setBaseUrl("/realms/" + realm.getName() + "/devices/security/bitlocker/console/");
            console.setRedirectUris(java.util.Set.of("/realms/" + realm.getName() + "/devices/security/bitlocker/console/*"));
            console.setWebOrigins(java.util.Set.of("+"));
            console.setAttribute("pkce.code.challenge.method", "S256");
            console.setAttribute("post.logout.redirect.uris", "+");
        }
    }

}
