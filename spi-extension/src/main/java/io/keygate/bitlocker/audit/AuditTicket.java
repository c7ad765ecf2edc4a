package io.keygate.bitlocker.audit;

/** The ticket of an audit entry as it was at the time of the event. */
public record AuditTicket(String system, String key, String url, String status, String type) {
}
