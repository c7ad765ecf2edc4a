package io.keygate.bitlocker.ticketing.http;

import io.keygate.bitlocker.ticketing.TicketingUnavailableException;

/**
 * The system answered 401 or 403. Still "unavailable" to the release path (fail closed), but told
 * apart so a provider holding a cached OAuth token can fetch a fresh one and try once more.
 */
public class CredentialsRefusedException extends TicketingUnavailableException {

    private final int status;

    public CredentialsRefusedException(String message, int status) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
