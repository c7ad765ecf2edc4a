package io.keygate.bitlocker.representation;

/**
 * The answer of a release (SPEC §3). The only representation that carries a recovery password;
 * {@link #toString()} leaves it out.
 */
public record RevealResponse(String deviceId, String deviceName, String keyId, String volumeType, String createdAt,
        String recoveryPassword, String auditId, TicketRepresentation ticket, RotationRef rotation) {

    /** The rotation the release started. */
    public record RotationRef(String rotationId, String status) {
    }

    @Override
    public String toString() {
        return "RevealResponse[deviceId=" + deviceId + ", keyId=" + keyId + ", auditId=" + auditId + "]";
    }
}
