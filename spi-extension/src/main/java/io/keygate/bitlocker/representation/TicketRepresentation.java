package io.keygate.bitlocker.representation;

/** SPEC §3 {@code Ticket}: the ticket as the ticketing system showed it, in responses and audit entries. */
public record TicketRepresentation(String system, String key, String url, String status, String type) {
}
