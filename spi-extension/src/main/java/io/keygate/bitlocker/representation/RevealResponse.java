package io.keygate.bitlocker.representation;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The answer of a release (SPEC §3). The only representation that carries a recovery password (and a key
 * package, base64, only when the release asked for it); {@link #toString()} leaves both out.
 */
public record RevealResponse(String deviceId, String deviceName, String keyId, String volumeType, String createdAt,
        String recoveryPassword, String auditId, TicketRepresentation ticket, RotationRef rotation,
        @JsonInclude(JsonInclude.Include.NON_NULL) String keyPackage) {

    /** The rotation the release started. */
    public record RotationRef(String rotationId, String status) {
    }

    @Override
    public String toString() {
        return "RevealResponse[deviceId=" + deviceId + ", keyId=" + keyId + ", auditId=" + auditId + "]";
    }
}
