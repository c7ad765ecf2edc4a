package io.keygate.bitlocker.rotation;

import io.keygate.bitlocker.audit.AuditActor;
import io.keygate.bitlocker.audit.AuditLog;
import io.keygate.bitlocker.metrics.BitLockerMetrics;
import io.keygate.bitlocker.model.AuditAction;
import io.keygate.bitlocker.model.AuditOutcome;
import io.keygate.bitlocker.model.DeviceModel;
import io.keygate.bitlocker.model.DeviceProvider;
import io.keygate.bitlocker.model.RecoveryKeyModel;
import io.keygate.bitlocker.model.RotationModel;
import io.keygate.bitlocker.model.RotationStatus;
import io.keygate.bitlocker.model.VolumeType;
import org.keycloak.common.util.Time;
import org.keycloak.models.RealmModel;

/**
 * The rotation lifecycle: PENDING until the device escrows a new key, then COMPLETED. At most
 * one rotation per device is open; asking again returns the open one.
 */
public class Rotations {

    private final AuditLog audit;

    public Rotations(AuditLog audit) {
        this.audit = audit;
    }

    /**
     * The device's open rotation, or a new PENDING one (audited as ROTATION_REQUESTED) of {@code replaces}:
     * the key that was revealed, or (asked for without a reveal) the device's newest active
     * operating-system key.
     */
    public RotationModel request(DeviceModel device, RecoveryKeyModel replaces, AuditActor actor, String ticketKey,
            String reason) {
        RotationModel open = device.getOpenRotation();
        if (open != null) {
            return open;
        }
        RecoveryKeyModel replaced = replaces != null ? replaces : device.getKeys().stream()
                .filter(k -> k.isActive() && k.getVolumeType() == VolumeType.OPERATING_SYSTEM).findFirst().orElse(null);
        RotationModel rotation = device.addRotation(Time.currentTimeMillis(), actor.username(), ticketKey, reason,
                replaced == null ? null : replaced.getKeyId());
        return requested(rotation, device.getId(), device.getName(), actor, reason);
    }

    /**
     * As {@link #request}, for the key a release has just revealed, by reference: under the realm's lock, a release
     * looks up the open rotation by device ID and adds one without loading the device again.
     */
    public RotationModel requestAfterRelease(DeviceProvider devices, RealmModel realm, String deviceId, String deviceName,
            String keyId, AuditActor actor, String ticketKey, String reason) {
        RotationModel open = devices.getOpenRotation(realm, deviceId);
        if (open != null) {
            return open;
        }
        RotationModel rotation = devices.addRotation(realm, deviceId, Time.currentTimeMillis(), actor.username(),
                ticketKey, reason, keyId);
        return rotation == null ? null : requested(rotation, deviceId, deviceName, actor, reason);
    }

    private RotationModel requested(RotationModel rotation, String deviceId, String deviceName, AuditActor actor,
            String reason) {
        audit.afterCommit(() -> BitLockerMetrics.rotation(RotationStatus.PENDING.name()));
        audit.append(actor.event(AuditAction.ROTATION_REQUESTED, AuditOutcome.SUCCESS)
                .device(deviceId, deviceName).reason(reason));
        return rotation;
    }

    /**
     * The open rotation completes (audited as ROTATION_COMPLETED) once the device no longer lists the
     * key it replaces and lists a key of the same volume type escrowed since the rotation was requested.
     * A new key of another volume (a data drive) does not complete an operating-system key's rotation.
     */
    public RotationModel completeIfReplaced(DeviceModel device, AuditActor actor) {
        RotationModel open = device.getOpenRotation();
        if (open == null) {
            return null;
        }
        RecoveryKeyModel replaced = open.getReplacesKeyId() == null ? null : device.getKey(open.getReplacesKeyId());
        if (replaced != null && replaced.isActive()) {
            return null;
        }
        VolumeType volume = replaced == null ? VolumeType.OPERATING_SYSTEM : replaced.getVolumeType();
        // Entra ID dates keys to the second: a key created in the second the rotation was requested counts.
        long since = open.getRequestedAt() / 1000 * 1000;
        RecoveryKeyModel successor = device.getKeys().stream()
                .filter(k -> k.isActive() && k.getVolumeType() == volume && k.getCreatedAt() >= since
                        && !k.getKeyId().equals(open.getReplacesKeyId()))
                .findFirst().orElse(null);
        if (successor == null) {
            return null;
        }
        String newKeyId = successor.getKeyId();
        open.complete(newKeyId, Time.currentTimeMillis());
        audit.afterCommit(() -> BitLockerMetrics.rotation(RotationStatus.COMPLETED.name()));
        audit.append(actor.event(AuditAction.ROTATION_COMPLETED, AuditOutcome.SUCCESS)
                .device(device.getId(), device.getName()).keyId(newKeyId));
        return open;
    }
}
