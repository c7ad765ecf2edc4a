package io.keygate.bitlocker.representation;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/** SPEC §3 {@code Device}. */
public record DeviceRepresentation(String deviceId, String deviceName, OwnerRepresentation owner, String escrowStatus,
        @JsonInclude(JsonInclude.Include.NON_NULL) String encryption,
        @JsonInclude(JsonInclude.Include.NON_NULL) String lastCheckIn,
        RotationRepresentation rotation, List<KeyRepresentation> keys) {
}
