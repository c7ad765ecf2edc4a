package io.keygate.bitlocker.model;

import io.keygate.bitlocker.ticketing.Ticket;

/**
 * What a release hands out (SPEC §3): the device and key, the recovery password (and the key package when it
 * was asked for, else {@code null}), the committed audit entry, the ticket that justified it and the rotation it
 * started (or {@code null}s). {@link #toString()} leaves the password and the package out.
 */
public record ReleasedKey(DeviceModel device, RecoveryKeyModel key, String recoveryPassword, byte[] keyPackage,
        String auditId, Ticket ticket, String rotationId, RotationStatus rotationStatus) {

    @Override
    public String toString() {
        return "ReleasedKey[deviceId=" + device.getId() + ", keyId=" + key.getKeyId() + ", auditId=" + auditId + "]";
    }
}
