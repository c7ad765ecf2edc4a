package io.keygate.bitlocker.ticketing;

import java.time.Instant;

/** What the internal comment of a release says: device, key ID, who, when, audit ID — never the key. */
public record TicketAnnotation(String deviceName, String deviceId, String keyId, String releasedBy, Instant releasedAt,
        String auditId) {

    /** The comment text, the same for every system. */
    public String text() {
        return "BitLocker recovery key released by Keycloak BitLocker Key Gate.\n"
                + "Device: " + deviceName + " (" + deviceId + ")\n"
                + "Key ID: " + keyId + "\n"
                + "Released by: " + releasedBy + "\n"
                + "Released at: " + releasedAt + "\n"
                + "Audit entry: " + auditId;
    }
}
