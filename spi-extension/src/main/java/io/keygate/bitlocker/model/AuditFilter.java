package io.keygate.bitlocker.model;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;


/**
 * The filters of {@code GET /keys/audit}, validated. {@code after} is the sequence number of the
 * last entry of the previous page (entries come newest first).
 */
public record AuditFilter(String deviceId, String actor, AuditAction action, AuditOutcome outcome, String ticket,
        Long fromMillis, Long toMillis, Long afterSeq) {

    /** @throws IllegalArgumentException with a message safe to show */
    public static AuditFilter parse(String deviceId, String actor, String action, String outcome, String ticket,
            String from, String to, String after) {
        String device = null;
        if (deviceId != null && !deviceId.isEmpty()) {
            device = Guid.normalize(deviceId);
            if (device == null) {
                throw new IllegalArgumentException("'deviceId' must be a GUID.");
            }
        }
        return new AuditFilter(device, blankToNull(actor), QueryEnum.parse(AuditAction.class, action, "action"),
                QueryEnum.parse(AuditOutcome.class, outcome, "outcome"), blankToNull(ticket),
                parseTime(from, "from"), parseTime(to, "to"), parseCursor(after));
    }

    private static String blankToNull(String s) {
        if (s != null && s.length() > 255) {
            throw new IllegalArgumentException("Filter values are limited to 255 characters.");
        }
        return s == null || s.isBlank() ? null : s;
    }

    private static Long parseTime(String value, String name) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant().toEpochMilli();
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(value).toEpochMilli();
            } catch (DateTimeParseException e2) {
                throw new IllegalArgumentException("'" + name + "' must be an ISO-8601 date-time, e.g. 2026-11-25T10:00:00Z.");
            }
        }
    }

    private static Long parseCursor(String after) {
        if (after == null || after.isEmpty()) {
            return null;
        }
        try {
            long seq = Long.parseLong(after);
            if (seq < 1) {
                throw new NumberFormatException();
            }
            return seq;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(PageCursor.NOT_OURS);
        }
    }

    /** The same filter with the page's cursor at {@code seq}: entries older than it. */
    public AuditFilter after(long seq) {
        return new AuditFilter(deviceId, actor, action, outcome, ticket, fromMillis, toMillis, seq);
    }

    /** The filter as a text no other filter has (a value by its length, then itself; an absent one as {@code -}): a cache key. */
    public String key() {
        StringBuilder sb = new StringBuilder();
        for (Object value : new Object[] {deviceId, actor, action, outcome, ticket, fromMillis, toMillis, afterSeq}) {
            String text = value == null ? null : value.toString();
            sb.append(text == null ? "-" : text.length() + ":" + text).append(';');
        }
        return sb.toString();
    }

    /** The filter in words, for the audit entry of an export. */
    public String describe(String what) {
        StringBuilder sb = new StringBuilder(what);
        if (deviceId != null) sb.append(" deviceId=").append(deviceId);
        if (actor != null) sb.append(" actor=").append(actor);
        if (action != null) sb.append(" action=").append(action);
        if (outcome != null) sb.append(" outcome=").append(outcome);
        if (ticket != null) sb.append(" ticket=").append(ticket);
        if (fromMillis != null) sb.append(" from=").append(Instant.ofEpochMilli(fromMillis));
        if (toMillis != null) sb.append(" to=").append(Instant.ofEpochMilli(toMillis));
        return sb.toString();
    }
}
