package io.keygate.bitlocker.authz;

import jakarta.ws.rs.core.HttpHeaders;

import io.keygate.bitlocker.problem.Problem;
import io.keygate.bitlocker.problem.ProblemCode;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.managers.AppAuthManager;
import org.keycloak.services.managers.AuthenticationManager.AuthResult;
import org.keycloak.services.util.DPoPUtil;

/**
 * Verifies the bearer access token with Keycloak's own verifier: signature, expiry, issuer (so a
 * token of another realm is refused), active user session and enabled user.
 */
public final class BearerAuthentication {

    private BearerAuthentication() {
    }

    /** RFC 9449's challenge: {@code WWW-Authenticate: DPoP error="invalid_dpop_proof", …}. */
    public static String dpopChallenge(KeycloakSession session, String description) {
        return "DPoP error=\"invalid_dpop_proof\", error_description=\"" + description + "\", algs=\""
                + String.join(" ", DPoPUtil.getDPoPSupportedAlgorithms(session)) + "\"";
    }

    private static boolean usesDPoP(KeycloakSession session) {
        HttpHeaders headers = session.getContext().getRequestHeaders();
        String authorization = headers == null ? null : headers.getHeaderString(HttpHeaders.AUTHORIZATION);
        return authorization != null && authorization.regionMatches(true, 0, "DPoP ", 0, 5)
                || headers != null && headers.getHeaderString("DPoP") != null;
    }

    /** The caller of a valid token of this realm, whichever client it was issued to ({@link ClientAccess} decides that). */
    public static Caller authenticate(KeycloakSession session, RealmModel realm) {
        AuthResult result = new AppAuthManager.BearerTokenAuthenticator(session).setRealm(realm).authenticate();
        if (result == null || result.user() == null || result.token() == null) {
            Problem problem = Problem.of(ProblemCode.AUTHENTICATION_REQUIRED,
                    "A valid access token issued by realm '" + realm.getName() + "' is required.");
            if (usesDPoP(session)) {
                problem.header(HttpHeaders.WWW_AUTHENTICATE, dpopChallenge(session,
                        "The DPoP proof is missing, invalid, replayed or not for this token and request."));
            }
            throw problem.exception();
        }
        HttpHeaders headers = session.getContext().getRequestHeaders();
        String userAgent = headers == null ? null : headers.getHeaderString(HttpHeaders.USER_AGENT);
        String ip = session.getContext().getConnection() == null ? null
                : session.getContext().getConnection().getRemoteAddr();
        return new Caller(realm, result.user(), result.token(), ip, userAgent);
    }
}
