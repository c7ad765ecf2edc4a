package io.keygate.bitlocker.ticketing.http;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import io.keygate.bitlocker.ticketing.TicketingUnavailableException;

/** Builds {@code Authorization} header values; refuses credentials that could split a header. */
public final class AuthorizationHeader {

    private AuthorizationHeader() {
    }

    public static String basic(String username, String secret) throws TicketingUnavailableException {
        requireUsable("username", username);
        requireUsable("secret", secret);
        String pair = username + ":" + secret;
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    public static String bearer(String token) throws TicketingUnavailableException {
        requireUsable("token", token);
        return "Bearer " + token;
    }

    // A CR or LF in a configured secret would let it inject headers; the message names the field, never its value.
    private static void requireUsable(String what, String value) throws TicketingUnavailableException {
        if (value == null || value.isEmpty()) {
            throw new TicketingUnavailableException("ticketing " + what + " is not configured");
        }
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                throw new TicketingUnavailableException("ticketing " + what + " contains control characters");
            }
        }
    }
}
