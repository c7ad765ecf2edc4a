package io.keygate.bitlocker.device;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.keygate.bitlocker.jpa.DeviceEntity;
import io.keygate.bitlocker.jpa.RecoveryKeyEntity;
import io.keygate.bitlocker.jpa.RotationEntity;

/** From entities to the API's {@code Device} and {@code Key} shapes (SPEC §3): never a secret. */
public final class DeviceRepresentations {

    private DeviceRepresentations() {
    }

    public static List<Map<String, Object>> devices(List<DeviceEntity> devices, DeviceDirectory directory) {
        Map<String, List<RecoveryKeyEntity>> keys = directory.keysOf(devices);
        Map<String, RotationEntity> rotations = directory.latestRotations(devices);
        return devices.stream()
                .map(d -> device(d, keys.getOrDefault(d.getId(), List.of()), rotations.get(d.getId())))
                .toList();
    }

    public static Map<String, Object> device(DeviceEntity d, List<RecoveryKeyEntity> keys, RotationEntity rotation) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("deviceId", d.getDeviceId());
        m.put("deviceName", d.getDeviceName());
        m.put("owner", owner(d));
        m.put("escrowStatus", d.getEscrowStatus());
        if (d.getEncryption() != null) {
            m.put("encryption", d.getEncryption());
        }
        if (d.getLastCheckIn() != null) {
            m.put("lastCheckIn", iso(d.getLastCheckIn()));
        }
        m.put("rotation", rotation == null ? null : rotation(rotation));
        m.put("keys", keys.stream().map(DeviceRepresentations::key).toList());
        return m;
    }

    private static Map<String, Object> owner(DeviceEntity d) {
        if (d.getOwnerUsername() == null && d.getOwnerEmail() == null) {
            return null;
        }
        Map<String, Object> owner = new LinkedHashMap<>();
        if (d.getOwnerUsername() != null) {
            owner.put("username", d.getOwnerUsername());
        }
        if (d.getOwnerEmail() != null) {
            owner.put("email", d.getOwnerEmail());
        }
        return owner;
    }

    public static Map<String, Object> key(RecoveryKeyEntity k) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("keyId", k.getKeyId());
        m.put("volumeType", k.getVolumeType());
        m.put("createdAt", iso(k.getCreatedAt()));
        m.put("state", k.getState());
        return m;
    }

    public static Map<String, Object> rotation(RotationEntity r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rotationId", r.getId());
        m.put("deviceId", r.getDevice().getDeviceId());
        m.put("status", r.getStatus());
        m.put("requestedAt", iso(r.getRequestedAt()));
        if (r.getCompletedAt() != null) {
            m.put("completedAt", iso(r.getCompletedAt()));
        }
        return m;
    }

    public static String iso(long epochMillis) {
        return Instant.ofEpochMilli(epochMillis).toString();
    }
}
