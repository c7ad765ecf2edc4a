package io.keygate.bitlocker.authz;

import java.util.Set;

import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.representations.AccessToken;

/** The authenticated user of a request: the verified access token and the live user behind it. */
public final class Caller implements Requester {

    private final RealmModel realm;
    private final UserModel user;
    private final AccessToken token;
    private final String ipAddress;
    private final String userAgent;

    public Caller(RealmModel realm, UserModel user, AccessToken token, String ipAddress, String userAgent) {
        this.realm = realm;
        this.user = user;
        this.token = token;
        this.ipAddress = ipAddress;
        this.userAgent = userAgent;
    }

    public UserModel user() {
        return user;
    }

    public AccessToken token() {
        return token;
    }

    @Override
    public String userId() {
        return user.getId();
    }

    public String username() {
        return user.getUsername();
    }

    public String clientId() {
        return token.getIssuedFor();
    }

    /**
     * The RFC 7638 thumbprint of the key the token is bound to, when it is a DPoP token (Keycloak's
     * verifier has then checked this request's proof: signature, {@code htm}, {@code htu}, {@code iat},
     * unused {@code jti}, {@code ath}); {@code null} for a plain bearer token.
     */
    public String proofKey() {
        boolean dpop = "DPoP".equalsIgnoreCase(token.getType());
        return dpop && token.getConfirmation() != null ? token.getConfirmation().getKeyThumbprint() : null;
    }

    public String ipAddress() {
        return ipAddress;
    }

    public String userAgent() {
        return userAgent;
    }

    /**
     * A role counts only when the token carries it and the live user still has it, so a role
     * removed after the token was issued stops working at once.
     */
    @Override
    public boolean has(BitLockerRole role) {
        AccessToken.Access realmAccess = token.getRealmAccess();
        Set<String> tokenRoles = realmAccess == null ? null : realmAccess.getRoles();
        if (tokenRoles == null || !tokenRoles.contains(role.roleName())) {
            return false;
        }
        RoleModel roleModel = realm.getRole(role.roleName());
        return roleModel != null && user.isEnabled() && user.hasRole(roleModel);
    }

    public boolean hasAny(BitLockerRole... roles) {
        for (BitLockerRole role : roles) {
            if (has(role)) {
                return true;
            }
        }
        return false;
    }
}
