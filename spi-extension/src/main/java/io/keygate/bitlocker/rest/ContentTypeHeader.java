package io.keygate.bitlocker.rest;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import io.keygate.bitlocker.problem.Problem;
import io.keygate.bitlocker.problem.ProblemCode;
import org.keycloak.headers.SecurityHeadersProvider;
import org.keycloak.models.KeycloakSession;

/**
 * A request whose {@code Content-Type} is not a media type ({@code x}, {@code a b}, {@code ;;}) is refused
 * before anything else. Keycloak's security-header filter parses that header while writing every response
 * and throws on such a value, turning whatever the endpoint answered into a 500 with Keycloak's error body;
 * for this request the filter is told to skip, and the refusal carries the one header of its set that
 * matters for a JSON document.
 */
public final class ContentTypeHeader {

    private ContentTypeHeader() {
    }

    public static void requireMediaType(KeycloakSession session) {
        String value = session.getContext().getRequestHeaders().getHeaderString(HttpHeaders.CONTENT_TYPE);
        if (value == null || parses(value)) {
            return;
        }
        session.getProvider(SecurityHeadersProvider.class).options().skipHeaders();
        throw Problem.of(ProblemCode.INVALID_REQUEST, "The Content-Type header is not a media type.")
                .header("X-Content-Type-Options", "nosniff").exception();
    }

    private static boolean parses(String value) {
        try {
            MediaType.valueOf(value);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
