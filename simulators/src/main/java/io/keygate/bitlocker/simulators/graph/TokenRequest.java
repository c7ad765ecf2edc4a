package io.keygate.bitlocker.simulators.graph;

import java.time.Instant;

/**
 * One request to the token endpoint as the simulator judged it.
 *
 * @param at        when it arrived
 * @param tenantId  the tenant in the path
 * @param clientId  the {@code client_id} sent (or null)
 * @param method    how the client authenticated
 * @param status    the HTTP status answered (200 when a token was issued)
 * @param error     the {@code error} code answered ({@code invalid_client}, …), or null when a token was issued
 * @param errorCode the AADSTS number answered, or 0 when a token was issued
 */
public record TokenRequest(Instant at, String tenantId, String clientId, AuthMethod method, int status, String error,
        int errorCode) {

    /** How a client proved who it is at the token endpoint. */
    public enum AuthMethod {
        /** {@code client_secret} in the form (or HTTP Basic). */
        CLIENT_SECRET,
        /** {@code client_assertion}: a JWT signed with the certificate's key. */
        CLIENT_ASSERTION,
        /** Neither. */
        NONE
    }

    public boolean granted() {
        return status == 200;
    }
}
