package io.keygate.bitlocker.model;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** In-memory devices, keys and rotations for unit tests of the services above the model. */
public final class TestDevices {

    private TestDevices() {
    }

    public static InMemoryDevice device(String id, String name, EscrowStatus status, long statusSince, DeviceOwner owner) {
        InMemoryDevice d = new InMemoryDevice(id, name);
        d.setEscrowStatus(status, statusSince);
        d.setOwner(owner);
        return d;
    }

    public static RotationModel pendingRotation(DeviceModel device, long requestedAt, String requestedBy) {
        return device.addRotation(requestedAt, requestedBy, null, null, null);
    }

    public static final class InMemoryDevice implements DeviceModel {
        private final String id;
        private String name;
        private String externalId;
        private DeviceOwner owner;
        private Encryption encryption;
        private EscrowStatus status = EscrowStatus.NOT_AVAILABLE;
        private long statusSince;
        private Long lastCheckIn;
        private String boundKey;
        private final List<RecoveryKeyModel> keys = new ArrayList<>();
        private final List<RotationModel> rotations = new ArrayList<>();

        public InMemoryDevice(String id, String name) {
            this.id = id;
            this.name = name;
        }

        @Override public String getId() { return id; }
        @Override public String getRealmId() { return "realm"; }
        @Override public String getName() { return name; }
        @Override public void setName(String name) { this.name = name; }
        @Override public String getSource() { return "local"; }
        @Override public String getExternalId() { return externalId; }
        @Override public void setExternalId(String externalId) { this.externalId = externalId; }
        @Override public DeviceOwner getOwner() { return owner; }
        @Override public void setOwner(DeviceOwner owner) { this.owner = owner; }
        @Override public Encryption getEncryption() { return encryption; }
        @Override public void setEncryption(Encryption encryption) { this.encryption = encryption; }
        @Override public EscrowStatus getEscrowStatus() { return status; }
        @Override public long getStatusSince() { return statusSince; }
        @Override public void setEscrowStatus(EscrowStatus status, long now) {
            if (status != this.status) {
                this.status = status;
                this.statusSince = now;
            }
        }
        @Override public Long getRemovedAt() { return removedAt; }
        @Override public void markSeenAtSource(long at) { this.removedAt = null; }
        @Override public void markRemovedFromSource(long at) { if (removedAt == null) { removedAt = at; } }
        private Long removedAt;
        @Override public String getBoundKey() { return boundKey; }
        private boolean boundByAdmin;
        @Override public void setBoundKey(String jkt, boolean byAdmin) { this.boundKey = jkt; this.boundByAdmin = jkt != null && byAdmin; }
        @Override public boolean isBoundByAdmin() { return boundByAdmin; }
        @Override public Long getLastCheckIn() { return lastCheckIn; }
        @Override public void setLastCheckIn(long at) { this.lastCheckIn = at; }
        @Override public List<RecoveryKeyModel> getKeys() { return List.copyOf(keys); }
        @Override public RecoveryKeyModel getKey(String keyId) {
            return keys.stream().filter(k -> k.getKeyId().equals(keyId)).findFirst().orElse(null);
        }
        @Override public RecoveryKeyModel addKey(String keyId, VolumeType volumeType, long createdAt) {
            InMemoryKey key = new InMemoryKey(this, keyId, volumeType, createdAt);
            keys.add(0, key);
            return key;
        }
        @Override public void removeKey(RecoveryKeyModel key) { keys.remove(key); }
        @Override public RotationModel getOpenRotation() {
            RotationModel latest = getLatestRotation();
            return latest != null && latest.getStatus() == RotationStatus.PENDING ? latest : null;
        }
        @Override public RotationModel getLatestRotation() { return rotations.isEmpty() ? null : rotations.get(0); }
        @Override public RotationModel addRotation(long requestedAt, String requestedBy, String ticketKey, String reason,
                String replacesKeyId) {
            InMemoryRotation r = new InMemoryRotation(this, requestedAt, requestedBy, ticketKey, reason, replacesKeyId);
            rotations.add(0, r);
            return r;
        }
    }

    public static final class InMemoryKey implements RecoveryKeyModel {
        private final DeviceModel device;
        private final String keyId;
        private final VolumeType volumeType;
        private final long createdAt;
        private KeyState state = KeyState.ACTIVE;
        private Long supersededAt;
        private SealedSecret sealed;

        InMemoryKey(DeviceModel device, String keyId, VolumeType volumeType, long createdAt) {
            this.device = device;
            this.keyId = keyId;
            this.volumeType = volumeType;
            this.createdAt = createdAt;
        }

        @Override public String getKeyId() { return keyId; }
        @Override public DeviceModel getDevice() { return device; }
        @Override public VolumeType getVolumeType() { return volumeType; }
        @Override public KeyState getState() { return state; }
        @Override public long getCreatedAt() { return createdAt; }
        @Override public Long getSupersededAt() { return supersededAt; }
        @Override public void supersede(long at) { state = KeyState.SUPERSEDED; supersededAt = at; }
        @Override public void reactivate() { state = KeyState.ACTIVE; supersededAt = null; }
        @Override public SealedSecret getSealed() { return sealed; }
        @Override public void setSealed(SealedSecret sealed) { this.sealed = sealed; }
        private SealedSecret sealedKeyPackage;
        private boolean hasKeyPackage;
        @Override public boolean hasKeyPackage() { return hasKeyPackage; }
        @Override public void setHasKeyPackage(boolean has) { this.hasKeyPackage = has; }
        @Override public SealedSecret getSealedKeyPackage() { return sealedKeyPackage; }
        @Override public void setSealedKeyPackage(SealedSecret sealed) {
            this.sealedKeyPackage = sealed;
            this.hasKeyPackage = sealed != null;
        }
        private String escrowedUnder;
        private Long releasedAt;
        @Override public String getEscrowedUnder() { return escrowedUnder; }
        @Override public void setEscrowedUnder(String jkt) { this.escrowedUnder = jkt; }
        @Override public Long getReleasedAt() { return releasedAt; }
        @Override public void markReleased(long at) { if (releasedAt == null) { releasedAt = at; } }
    }

    public static final class InMemoryRotation implements RotationModel {
        private final String id = UUID.randomUUID().toString();
        private final DeviceModel device;
        private final long requestedAt;
        private final String requestedBy;
        private final String ticketKey;
        private final String reason;
        private final String replacesKeyId;
        private RotationStatus status = RotationStatus.PENDING;
        private Long completedAt;
        private String newKeyId;
        private String failure;

        InMemoryRotation(DeviceModel device, long requestedAt, String requestedBy, String ticketKey, String reason,
                String replacesKeyId) {
            this.device = device;
            this.replacesKeyId = replacesKeyId;
            this.requestedAt = requestedAt;
            this.requestedBy = requestedBy;
            this.ticketKey = ticketKey;
            this.reason = reason;
        }

        @Override public String getId() { return id; }
        @Override public DeviceModel getDevice() { return device; }
        @Override public RotationStatus getStatus() { return status; }
        @Override public long getRequestedAt() { return requestedAt; }
        @Override public String getRequestedBy() { return requestedBy; }
        @Override public String getTicketKey() { return ticketKey; }
        @Override public String getReason() { return reason; }
        @Override public Long getCompletedAt() { return completedAt; }
        @Override public String getNewKeyId() { return newKeyId; }
        @Override public String getFailure() { return failure; }
        @Override public String getReplacesKeyId() { return replacesKeyId; }
        @Override public void complete(String newKeyId, long at) {
            status = RotationStatus.COMPLETED;
            this.newKeyId = newKeyId;
            completedAt = at;
        }
        @Override public void fail(String why, long at) {
            status = RotationStatus.FAILED;
            failure = why;
            completedAt = at;
        }
    }
}
