package io.keygate.bitlocker.ticketing;

import java.time.Instant;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/** What the internal comment of a release says: device, key ID, who, when, audit ID — never the key. */
public record TicketAnnotation(String deviceName, String deviceId, String keyId, String releasedBy, Instant releasedAt,
        String auditId) implements TicketComment {

    private static final Pattern AUDIT_ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    /**
     * The audit ID is what an earlier delivery is recognised by; it is a server-made UUID, checked
     * before it reaches a query.
     *
     * @throws IllegalArgumentException when {@code auditId} is not one
     */
    public static String requireAuditId(String auditId) {
        if (auditId == null || !AUDIT_ID.matcher(auditId).matches()) {
            throw new IllegalArgumentException("not an audit ID");
        }
        return auditId;
    }

    /** The values people chose (device name, username) pass through {@code escape}. */
    @Override
    public String text(UnaryOperator<String> escape) {
        return "BitLocker recovery key released by Keycloak BitLocker Key Gate.\n"
                + "Device: " + escape.apply(deviceName) + " (" + deviceId + ")\n"
                + "Key ID: " + keyId + "\n"
                + "Released by: " + escape.apply(releasedBy) + "\n"
                + "Released at: " + releasedAt + "\n"
                + "Audit entry: " + auditId;
    }
}
