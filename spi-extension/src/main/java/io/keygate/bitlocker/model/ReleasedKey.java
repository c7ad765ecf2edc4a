package io.keygate.bitlocker.model;

import io.keygate.bitlocker.ticketing.Ticket;

/**
 * What a release hands out (SPEC §3): the device and key, the recovery password, the committed audit entry,
 * the ticket that justified it and the rotation it started (or {@code null}s). {@link #toString()} leaves the
 * password out.
 */
public record ReleasedKey(DeviceModel device, RecoveryKeyModel key, String recoveryPassword, String auditId, Ticket ticket,
        String rotationId, RotationStatus rotationStatus) {

    @Override
    public String toString() {
        return "ReleasedKey[deviceId=" + device.getId() + ", keyId=" + key.getKeyId() + ", auditId=" + auditId + "]";
    }
}
