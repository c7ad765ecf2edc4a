package io.keygate.bitlocker.rotation;

import java.util.UUID;

import jakarta.persistence.EntityManager;

import io.keygate.bitlocker.audit.AuditAction;
import io.keygate.bitlocker.audit.AuditActor;
import io.keygate.bitlocker.audit.AuditLog;
import io.keygate.bitlocker.audit.AuditOutcome;
import io.keygate.bitlocker.device.DeviceDirectory;
import io.keygate.bitlocker.device.RotationStatus;
import io.keygate.bitlocker.jpa.DeviceEntity;
import io.keygate.bitlocker.jpa.RotationEntity;
import io.keygate.bitlocker.metrics.BitLockerMetrics;
import org.keycloak.common.util.Time;

/**
 * The rotation lifecycle: PENDING until the device escrows a new key, then COMPLETED. At most
 * one rotation per device is open; asking again returns the open one.
 */
public class Rotations {

    private final EntityManager em;
    private final DeviceDirectory directory;
    private final AuditLog audit;

    public Rotations(EntityManager em, DeviceDirectory directory, AuditLog audit) {
        this.em = em;
        this.directory = directory;
        this.audit = audit;
    }

    /** The device's open rotation, or a new PENDING one (audited as ROTATION_REQUESTED). */
    public RotationEntity request(DeviceEntity device, AuditActor actor, String ticketKey, String reason) {
        RotationEntity open = directory.openRotation(device);
        if (open != null) {
            return open;
        }
        RotationEntity rotation = new RotationEntity();
        rotation.setId(UUID.randomUUID().toString());
        rotation.setRealmId(device.getRealmId());
        rotation.setDevice(device);
        rotation.setStatus(RotationStatus.PENDING.name());
        rotation.setRequestedAt(Time.currentTimeMillis());
        rotation.setRequestedBy(actor.username());
        rotation.setTicketKey(ticketKey);
        rotation.setReason(reason);
        em.persist(rotation);
        BitLockerMetrics.rotation(RotationStatus.PENDING.name());
        audit.append(actor.event(AuditAction.ROTATION_REQUESTED, AuditOutcome.SUCCESS)
                .device(device.getDeviceId(), device.getDeviceName()).reason(reason));
        return rotation;
    }

    /** A new key arrived: the open rotation, if any, is complete (audited as ROTATION_COMPLETED). */
    public RotationEntity completeWith(DeviceEntity device, String newKeyId, AuditActor actor) {
        RotationEntity open = directory.openRotation(device);
        if (open == null) {
            return null;
        }
        open.setStatus(RotationStatus.COMPLETED.name());
        open.setCompletedAt(Time.currentTimeMillis());
        open.setNewKeyId(newKeyId);
        BitLockerMetrics.rotation(RotationStatus.COMPLETED.name());
        audit.append(actor.event(AuditAction.ROTATION_COMPLETED, AuditOutcome.SUCCESS)
                .device(device.getDeviceId(), device.getDeviceName()).keyId(newKeyId));
        return open;
    }
}
