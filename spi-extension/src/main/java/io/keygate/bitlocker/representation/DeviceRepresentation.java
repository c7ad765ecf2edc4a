package io.keygate.bitlocker.representation;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * SPEC §3 {@code Device}; {@code removedAt} only for a device its remote key source no longer lists (its
 * metadata is kept); {@code duplicateName} only in the escrow status's {@code attention}.
 */
public record DeviceRepresentation(String deviceId, String deviceName, OwnerRepresentation owner, String escrowStatus,
        @JsonInclude(JsonInclude.Include.NON_NULL) String encryption,
        @JsonInclude(JsonInclude.Include.NON_NULL) String lastCheckIn,
        RotationRepresentation rotation, List<KeyRepresentation> keys,
        @JsonInclude(JsonInclude.Include.NON_NULL) String removedAt,
        @JsonInclude(JsonInclude.Include.NON_NULL) Boolean duplicateName) {

    /** The same device, flagged as sharing its name with another device of the realm (escrow status). */
    public DeviceRepresentation withDuplicateName() {
        return new DeviceRepresentation(deviceId, deviceName, owner, escrowStatus, encryption, lastCheckIn, rotation, keys,
                removedAt, true);
    }
}
