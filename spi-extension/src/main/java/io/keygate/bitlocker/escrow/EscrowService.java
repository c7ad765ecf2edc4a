package io.keygate.bitlocker.escrow;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.persistence.EntityManager;

import io.keygate.bitlocker.audit.AuditAction;
import io.keygate.bitlocker.audit.AuditActor;
import io.keygate.bitlocker.audit.AuditLog;
import io.keygate.bitlocker.audit.AuditOutcome;
import io.keygate.bitlocker.config.BitLockerConfig;
import io.keygate.bitlocker.device.DeviceDirectory;
import io.keygate.bitlocker.device.EscrowStatus;
import io.keygate.bitlocker.device.KeyState;
import io.keygate.bitlocker.jpa.DeviceEntity;
import io.keygate.bitlocker.jpa.RecoveryKeyEntity;
import io.keygate.bitlocker.keysource.KeySourceUnavailableException;
import io.keygate.bitlocker.keysource.local.LocalVault;
import io.keygate.bitlocker.rotation.Rotations;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * A device agent's check-in (SPEC §3): records the device, seals new keys, supersedes keys the
 * device no longer has, completes a pending rotation. Idempotent: the same check-in twice
 * changes nothing the second time.
 */
public class EscrowService {

    public static final String SOURCE_LOCAL = BitLockerConfig.KEY_SOURCE_LOCAL;

    private final KeycloakSession session;
    private final RealmModel realm;
    private final BitLockerConfig config;
    private final EntityManager em;
    private final AuditLog audit;

    public EscrowService(KeycloakSession session, RealmModel realm, BitLockerConfig config, EntityManager em) {
        this.session = session;
        this.realm = realm;
        this.config = config;
        this.em = em;
        this.audit = new AuditLog(session, realm);
    }

    public record Outcome(EscrowStatus escrowStatus, boolean rotationRequested) {
    }

    /** Thrown before anything is written when the check-in contradicts what is escrowed. */
    public static class ConflictingKeyException extends Exception {
        public ConflictingKeyException(String message) {
            super(message);
        }
    }

    public Outcome checkIn(CheckIn checkIn, AuditActor actor) throws KeySourceUnavailableException, ConflictingKeyException {
        DeviceDirectory directory = new DeviceDirectory(em, realm.getId());
        LocalVault vault = checkIn.keys().isEmpty() ? null : LocalVault.open(session, realm, config);
        DeviceEntity device = directory.find(checkIn.deviceId());
        if (device != null && !SOURCE_LOCAL.equals(device.getSource())) {
            throw new ConflictingKeyException("Device " + checkIn.deviceId() + " is managed by the '"
                    + device.getSource() + "' key source.");
        }
        Map<String, RecoveryKeyEntity> existing = new HashMap<>();
        if (device != null) {
            directory.keysOf(List.of(device)).getOrDefault(device.getId(), List.of())
                    .forEach(k -> existing.put(k.getKeyId(), k));
        }
        // Every check that can refuse the request runs before the first write.
        for (CheckIn.Key key : checkIn.keys()) {
            RecoveryKeyEntity known = existing.get(key.keyId());
            if (known != null && !key.recoveryPassword().equals(vault.open(known, checkIn.deviceId()))) {
                throw new ConflictingKeyException("Key " + key.keyId()
                        + " is already escrowed with a different recovery password.");
            }
        }

        long now = Time.currentTimeMillis();
        if (device == null) {
            device = newDevice(checkIn.deviceId(), now);
        }
        device.setDeviceName(checkIn.deviceName());
        applyOwner(device, checkIn.owner());
        device.setEncryption(checkIn.encryption().name());
        device.setLastCheckIn(now);
        device.setUpdatedAt(now);

        Rotations rotations = new Rotations(em, directory, audit);
        Set<String> reported = new HashSet<>();
        String newestNewKey = null;
        for (CheckIn.Key key : checkIn.keys()) {
            reported.add(key.keyId());
            RecoveryKeyEntity known = existing.get(key.keyId());
            if (known == null) {
                escrow(device, key, vault, now, actor);
                newestNewKey = key.keyId();
            } else if (!KeyState.ACTIVE.name().equals(known.getState())) {
                known.setState(KeyState.ACTIVE.name());
                known.setSupersededAt(null);
            }
        }
        boolean hasActive = !reported.isEmpty();
        for (RecoveryKeyEntity known : existing.values()) {
            if (!reported.contains(known.getKeyId()) && KeyState.ACTIVE.name().equals(known.getState())) {
                known.setState(KeyState.SUPERSEDED.name());
                known.setSupersededAt(now);
            }
        }
        EscrowStatus status = EscrowStatus.derive(checkIn.encryption(), hasActive);
        if (!status.name().equals(device.getEscrowStatus())) {
            device.setEscrowStatus(status.name());
            device.setStatusSince(now);
        }
        if (newestNewKey != null) {
            rotations.completeWith(device, newestNewKey, actor);
        }
        em.flush();
        return new Outcome(status, directory.openRotation(device) != null);
    }

    private DeviceEntity newDevice(String deviceId, long now) {
        DeviceEntity device = new DeviceEntity();
        device.setId(UUID.randomUUID().toString());
        device.setRealmId(realm.getId());
        device.setDeviceId(deviceId);
        device.setSource(SOURCE_LOCAL);
        device.setCreatedAt(now);
        device.setStatusSince(now);
        device.setEscrowStatus(EscrowStatus.NOT_AVAILABLE.name());
        device.setDeviceName(deviceId);
        em.persist(device);
        return device;
    }

    private void escrow(DeviceEntity device, CheckIn.Key key, LocalVault vault, long now, AuditActor actor) {
        RecoveryKeyEntity entity = new RecoveryKeyEntity();
        entity.setId(UUID.randomUUID().toString());
        entity.setRealmId(realm.getId());
        entity.setDevice(device);
        entity.setKeyId(key.keyId());
        entity.setVolumeType(key.volumeType().name());
        entity.setState(KeyState.ACTIVE.name());
        entity.setCreatedAt(now);
        vault.seal(entity, device.getDeviceId(), key.recoveryPassword());
        em.persist(entity);
        audit.append(actor.event(AuditAction.KEY_ESCROWED, AuditOutcome.SUCCESS)
                .device(device.getDeviceId(), device.getDeviceName()).keyId(key.keyId()));
    }

    /** The owner is a Keycloak username or e-mail; an unknown owner is kept as reported, unlinked. */
    private void applyOwner(DeviceEntity device, String owner) {
        if (owner == null) {
            return;
        }
        UserModel user = session.users().getUserByUsername(realm, owner);
        if (user == null && owner.contains("@")) {
            user = session.users().getUserByEmail(realm, owner);
        }
        if (user != null) {
            device.setOwnerUserId(user.getId());
            device.setOwnerUsername(user.getUsername());
            device.setOwnerEmail(user.getEmail());
        } else {
            device.setOwnerUserId(null);
            device.setOwnerUsername(owner.contains("@") ? null : owner);
            device.setOwnerEmail(owner.contains("@") ? owner : null);
        }
    }
}
