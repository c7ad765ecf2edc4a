package io.keygate.bitlocker.release;

import io.keygate.bitlocker.model.AuditSource;
import io.keygate.bitlocker.representation.Converters;
import io.keygate.bitlocker.representation.TicketRepresentation;
import io.keygate.bitlocker.ticketing.Ticket;

/**
 * What the release policy has learnt about a request so far: the facts a denial's audit entry
 * records (device, route, key, ticket, reason), whichever step refused it.
 */
public final class ReleaseAttempt {

    String deviceId;
    String deviceName;
    AuditSource source;
    String keyId;
    TicketRepresentation ticket;
    String ticketId;
    String reason;

    /** The ticket as asked for, before the ticketing system has answered (the audit entry's shape, see {@code AuditEvent}). */
    void ticketAsked(String system, String key) {
        ticket = new TicketRepresentation(system, key, null, null, null);
    }

    void ticket(Ticket t) {
        ticket = Converters.toRepresentation(t);
        ticketId = t.id();
    }

    public String deviceId() {
        return deviceId;
    }

    public String deviceName() {
        return deviceName;
    }

    public AuditSource source() {
        return source;
    }

    public String keyId() {
        return keyId;
    }

    public TicketRepresentation ticket() {
        return ticket;
    }

    public String ticketId() {
        return ticketId;
    }

    public String reason() {
        return reason;
    }
}
