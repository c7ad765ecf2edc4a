package io.keygate.bitlocker.ticketing;

/**
 * The ticketing system could not give a trustworthy answer; callers fail closed. Messages name the
 * system, the ticket and the HTTP status, never a credential.
 */
public class TicketingUnavailableException extends Exception {

    public TicketingUnavailableException(String message) {
        super(message);
    }

    public TicketingUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
