package io.keygate.bitlocker.authz;

import jakarta.ws.rs.core.HttpHeaders;

import io.keygate.bitlocker.problem.Problem;
import io.keygate.bitlocker.problem.ProblemCode;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.managers.AppAuthManager;
import org.keycloak.services.managers.AuthenticationManager.AuthResult;

/**
 * Verifies the bearer access token with Keycloak's own verifier: signature, expiry, issuer (so a
 * token of another realm is refused), active user session and enabled user.
 */
public final class BearerAuthentication {

    private BearerAuthentication() {
    }

    public static Caller authenticate(KeycloakSession session, RealmModel realm) {
        AuthResult result = new AppAuthManager.BearerTokenAuthenticator(session).setRealm(realm).authenticate();
        if (result == null || result.user() == null || result.token() == null) {
            throw Problem.of(ProblemCode.AUTHENTICATION_REQUIRED,
                    "A valid bearer access token issued by realm '" + realm.getName() + "' is required.").exception();
        }
        HttpHeaders headers = session.getContext().getRequestHeaders();
        String userAgent = headers == null ? null : headers.getHeaderString(HttpHeaders.USER_AGENT);
        String ip = session.getContext().getConnection() == null ? null
                : session.getContext().getConnection().getRemoteAddr();
        return new Caller(realm, result.user(), result.token(), ip, userAgent);
    }
}
