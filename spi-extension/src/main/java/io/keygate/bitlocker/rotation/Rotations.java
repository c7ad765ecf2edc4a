package io.keygate.bitlocker.rotation;

import io.keygate.bitlocker.audit.AuditActor;
import io.keygate.bitlocker.audit.AuditLog;
import io.keygate.bitlocker.metrics.BitLockerMetrics;
import io.keygate.bitlocker.model.AuditAction;
import io.keygate.bitlocker.model.AuditOutcome;
import io.keygate.bitlocker.model.DeviceModel;
import io.keygate.bitlocker.model.RotationModel;
import io.keygate.bitlocker.model.RotationStatus;
import org.keycloak.common.util.Time;

/**
 * The rotation lifecycle: PENDING until the device escrows a new key, then COMPLETED. At most
 * one rotation per device is open; asking again returns the open one.
 */
public class Rotations {

    private final AuditLog audit;

    public Rotations(AuditLog audit) {
        this.audit = audit;
    }

    /** The device's open rotation, or a new PENDING one (audited as ROTATION_REQUESTED). */
    public RotationModel request(DeviceModel device, AuditActor actor, String ticketKey, String reason) {
        RotationModel open = device.getOpenRotation();
        if (open != null) {
            return open;
        }
        RotationModel rotation = device.addRotation(Time.currentTimeMillis(), actor.username(), ticketKey, reason);
        BitLockerMetrics.rotation(RotationStatus.PENDING.name());
        audit.append(actor.event(AuditAction.ROTATION_REQUESTED, AuditOutcome.SUCCESS)
                .device(device.getId(), device.getName()).reason(reason));
        return rotation;
    }

    /** A new key arrived: the open rotation, if any, is complete (audited as ROTATION_COMPLETED). */
    public RotationModel completeWith(DeviceModel device, String newKeyId, AuditActor actor) {
        RotationModel open = device.getOpenRotation();
        if (open == null) {
            return null;
        }
        open.complete(newKeyId, Time.currentTimeMillis());
        BitLockerMetrics.rotation(RotationStatus.COMPLETED.name());
        audit.append(actor.event(AuditAction.ROTATION_COMPLETED, AuditOutcome.SUCCESS)
                .device(device.getId(), device.getName()).keyId(newKeyId));
        return open;
    }
}
