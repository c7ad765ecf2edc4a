package io.keygate.bitlocker.model;

import io.keygate.bitlocker.ticketing.Ticket;

/**
 * A request to release one key, waiting for (or decided by) a second person (SPEC §11): a snapshot as
 * stored. Its status changes only through {@link ReleaseRequestProvider#transition}, which is atomic.
 *
 * @param route      the right it was asked by: {@code helpdesk}, {@code admin} or {@code breakGlass}
 * @param ticket     the ticket checked when it was asked for; {@code null} for break-glass
 * @param expiresAt  a PENDING request's end of waiting; an APPROVED one's end of use
 */
public record ReleaseRequest(String id, String realmId, String deviceId, String deviceName, String keyId,
        String requesterId, String requesterUsername, String route, TicketRef ticket, String reason, boolean breakGlass,
        ReleaseRequestStatus status, long createdAt, long expiresAt, String decidedById, String decidedByUsername,
        Long decidedAt, String decisionReason) {

    /** The ticket as the ticketing system answered, with its canonical identity (what "the same ticket" means). */
    public record TicketRef(String system, String key, String id, String url, String status, String type) {

        /** The ticket as its system answered, with its canonical identity; {@code null} for none. */
        public static TicketRef of(Ticket t) {
            return t == null ? null : new TicketRef(t.system(), t.key(), t.id(), t.url(), t.status(), t.type());
        }
    }

    /** A decision, a use or an expiry: the new status and, for decisions, who, when, why and the new end of life. */
    public record Transition(ReleaseRequestStatus to, String byId, String byUsername, Long at, String reason, Long expiresAt) {

        public static Transition to(ReleaseRequestStatus status) {
            return new Transition(status, null, null, null, null, null);
        }
    }
}
