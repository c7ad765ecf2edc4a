package io.keygate.bitlocker.ticketing;

import java.util.Optional;

import org.keycloak.provider.Provider;

/**
 * One ticketing system. Implementations talk to the system's REST API through Keycloak's
 * outgoing HTTP client, and never build a query from user input: {@link #isWellFormedKey} is
 * checked before any call.
 */
public interface TicketingProvider extends Provider {

    /** Whether {@code key} has this system's ticket-key format (e.g. {@code PROJ-123}, {@code INC0012345}). */
    boolean isWellFormedKey(String key);

    /**
     * Reads a ticket live.
     *
     * @return the ticket, or empty when the system says it does not exist
     * @throws TicketingUnavailableException when the system cannot be reached, fails, refuses our
     *         credentials, or keeps rate-limiting beyond the time budget
     * @throws IllegalArgumentException when {@code key} is not {@link #isWellFormedKey well-formed}; no request is made
     */
    Optional<Ticket> fetch(TicketingSettings settings, String key) throws TicketingUnavailableException;

    /**
     * Adds an internal comment (work note) recording a release or a campaign's summary. It never carries key material.
     *
     * @throws TicketingUnavailableException when the comment could not be delivered (including a ticket that
     *         no longer exists); the caller retries later
     * @throws IllegalArgumentException when {@code key} is not {@link #isWellFormedKey well-formed}; no request is made
     */
    void annotate(TicketingSettings settings, String key, TicketComment annotation) throws TicketingUnavailableException;

    /**
     * Whether the ticket already carries the annotation of audit entry {@code auditId} — asked before
     * delivering again after a delivery was interrupted (the system may have accepted it before the
     * node went down), so a comment is not written twice. A provider that cannot tell answers
     * {@code false}, and such a delivery is repeated.
     *
     * @param auditId a UUID (never user input)
     * @throws TicketingUnavailableException when the system cannot be asked; the caller retries later
     */
    default boolean hasAnnotation(TicketingSettings settings, String key, String auditId) throws TicketingUnavailableException {
        return false;
    }

    @Override
    default void close() {
    }
}
