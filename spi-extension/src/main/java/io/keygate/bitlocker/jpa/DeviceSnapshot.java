package io.keygate.bitlocker.jpa;

import java.util.List;

import io.keygate.bitlocker.model.DeviceModel;
import io.keygate.bitlocker.model.DeviceOwner;
import io.keygate.bitlocker.model.Encryption;
import io.keygate.bitlocker.model.EscrowStatus;
import io.keygate.bitlocker.model.KeyState;
import io.keygate.bitlocker.model.RecoveryKeyModel;
import io.keygate.bitlocker.model.RotationModel;
import io.keygate.bitlocker.model.RotationStatus;
import io.keygate.bitlocker.model.SealedSecret;
import io.keygate.bitlocker.model.VolumeType;

/**
 * A device as committed, with its keys' metadata and latest rotation: what this node's device cache holds
 * ({@link DeviceViews}), shared by every request and never changed. Its check-in time is not part of it (a
 * check-in would otherwise drop it every few minutes): each request reads that and sees it through
 * {@link #checkedInAt}. Nothing secret is copied — no sealed password or key package, no release time.
 */
final class DeviceSnapshot implements DeviceModel {

    private static final String READ_ONLY = "a device read from the cache is for showing only";

    private final String pk;
    private final String id;
    private final String realmId;
    private final String name;
    private final String source;
    private final String externalId;
    private final DeviceOwner owner;
    private final Encryption encryption;
    private final EscrowStatus escrowStatus;
    private final long statusSince;
    private final Long removedAt;
    private final String boundKey;
    private final boolean boundByAdmin;
    private final Long lastCheckIn;
    private final List<RecoveryKeyModel> keys;
    private final RotationModel latestRotation;

    /** A copy of a device read from the database, without its check-in time. */
    DeviceSnapshot(String pk, DeviceModel read) {
        this.pk = pk;
        this.id = read.getId();
        this.realmId = read.getRealmId();
        this.name = read.getName();
        this.source = read.getSource();
        this.externalId = read.getExternalId();
        this.owner = read.getOwner();
        this.encryption = read.getEncryption();
        this.escrowStatus = read.getEscrowStatus();
        this.statusSince = read.getStatusSince();
        this.removedAt = read.getRemovedAt();
        this.boundKey = read.getBoundKey();
        this.boundByAdmin = read.isBoundByAdmin();
        this.lastCheckIn = null;
        this.keys = read.getKeys().stream().<RecoveryKeyModel>map(k -> new Key(this, k)).toList();
        this.latestRotation = read.getLatestRotation() == null ? null : new Rotation(this, read.getLatestRotation());
    }

    private DeviceSnapshot(DeviceSnapshot cached, Long lastCheckIn) {
        this.pk = cached.pk;
        this.id = cached.id;
        this.realmId = cached.realmId;
        this.name = cached.name;
        this.source = cached.source;
        this.externalId = cached.externalId;
        this.owner = cached.owner;
        this.encryption = cached.encryption;
        this.escrowStatus = cached.escrowStatus;
        this.statusSince = cached.statusSince;
        this.removedAt = cached.removedAt;
        this.boundKey = cached.boundKey;
        this.boundByAdmin = cached.boundByAdmin;
        this.lastCheckIn = lastCheckIn;
        this.keys = cached.keys;
        this.latestRotation = cached.latestRotation;
    }

    /** The cached device as one request shows it: with the check-in time that request read. */
    DeviceSnapshot checkedInAt(Long lastCheckIn) {
        return new DeviceSnapshot(this, lastCheckIn);
    }

    /** The device's row ID: what invalidations name. */
    String pk() {
        return pk;
    }

    @Override
    public String getId() {
        return id;
    }

    @Override
    public String getRealmId() {
        return realmId;
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public String getSource() {
        return source;
    }

    @Override
    public String getExternalId() {
        return externalId;
    }

    @Override
    public DeviceOwner getOwner() {
        return owner;
    }

    @Override
    public Encryption getEncryption() {
        return encryption;
    }

    @Override
    public EscrowStatus getEscrowStatus() {
        return escrowStatus;
    }

    @Override
    public long getStatusSince() {
        return statusSince;
    }

    @Override
    public Long getRemovedAt() {
        return removedAt;
    }

    @Override
    public String getBoundKey() {
        return boundKey;
    }

    @Override
    public boolean isBoundByAdmin() {
        return boundByAdmin;
    }

    @Override
    public Long getLastCheckIn() {
        return lastCheckIn;
    }

    @Override
    public List<RecoveryKeyModel> getKeys() {
        return keys;
    }

    @Override
    public RecoveryKeyModel getKey(String keyId) {
        return keys.stream().filter(k -> k.getKeyId().equals(keyId)).findFirst().orElse(null);
    }

    @Override
    public RotationModel getOpenRotation() {
        // As DeviceAdapter: the open rotation, if any, is the latest.
        return latestRotation != null && latestRotation.getStatus() == RotationStatus.PENDING ? latestRotation : null;
    }

    @Override
    public RotationModel getLatestRotation() {
        return latestRotation;
    }

    @Override
    public void setName(String name) {
        throw new UnsupportedOperationException(READ_ONLY);
    }

    @Override
    public void setExternalId(String externalId) {
        throw new UnsupportedOperationException(READ_ONLY);
    }

    @Override
    public void setOwner(DeviceOwner owner) {
        throw new UnsupportedOperationException(READ_ONLY);
    }

    @Override
    public void setEncryption(Encryption encryption) {
        throw new UnsupportedOperationException(READ_ONLY);
    }

    @Override
    public void setEscrowStatus(EscrowStatus status, long now) {
        throw new UnsupportedOperationException(READ_ONLY);
    }

    @Override
    public void markSeenAtSource(long at) {
        throw new UnsupportedOperationException(READ_ONLY);
    }

    @Override
    public void markRemovedFromSource(long at) {
        throw new UnsupportedOperationException(READ_ONLY);
    }

    @Override
    public void setBoundKey(String jkt, boolean byAdmin) {
        throw new UnsupportedOperationException(READ_ONLY);
    }

    @Override
    public void setLastCheckIn(long at) {
        throw new UnsupportedOperationException(READ_ONLY);
    }

    @Override
    public RecoveryKeyModel addKey(String keyId, VolumeType volumeType, long createdAt) {
        throw new UnsupportedOperationException(READ_ONLY);
    }

    @Override
    public void removeKey(RecoveryKeyModel key) {
        throw new UnsupportedOperationException(READ_ONLY);
    }

    @Override
    public RotationModel addRotation(long requestedAt, String requestedBy, String ticketKey, String reason,
            String replacesKeyId) {
        throw new UnsupportedOperationException(READ_ONLY);
    }

    /** A key's metadata as {@code GET /keys/{deviceId}} shows it. */
    private static final class Key implements RecoveryKeyModel {

        private final DeviceSnapshot device;
        private final String keyId;
        private final VolumeType volumeType;
        private final KeyState state;
        private final long createdAt;
        private final Long supersededAt;
        private final String escrowedUnder;
        private final boolean hasKeyPackage;

        Key(DeviceSnapshot device, RecoveryKeyModel read) {
            this.device = device;
            this.keyId = read.getKeyId();
            this.volumeType = read.getVolumeType();
            this.state = read.getState();
            this.createdAt = read.getCreatedAt();
            this.supersededAt = read.getSupersededAt();
            this.escrowedUnder = read.getEscrowedUnder();
            this.hasKeyPackage = read.hasKeyPackage();
        }

        @Override
        public String getKeyId() {
            return keyId;
        }

        @Override
        public DeviceModel getDevice() {
            return device;
        }

        @Override
        public VolumeType getVolumeType() {
            return volumeType;
        }

        @Override
        public KeyState getState() {
            return state;
        }

        @Override
        public long getCreatedAt() {
            return createdAt;
        }

        @Override
        public Long getSupersededAt() {
            return supersededAt;
        }

        @Override
        public String getEscrowedUnder() {
            return escrowedUnder;
        }

        @Override
        public boolean hasKeyPackage() {
            return hasKeyPackage;
        }

        @Override
        public Long getReleasedAt() {
            // Whether a key was released decides releases and check-ins, which read the database.
            throw new UnsupportedOperationException(READ_ONLY);
        }

        @Override
        public SealedSecret getSealed() {
            throw new UnsupportedOperationException(READ_ONLY);
        }

        @Override
        public SealedSecret getSealedKeyPackage() {
            throw new UnsupportedOperationException(READ_ONLY);
        }

        @Override
        public void supersede(long at) {
            throw new UnsupportedOperationException(READ_ONLY);
        }

        @Override
        public void reactivate() {
            throw new UnsupportedOperationException(READ_ONLY);
        }

        @Override
        public void setEscrowedUnder(String jkt) {
            throw new UnsupportedOperationException(READ_ONLY);
        }

        @Override
        public void markReleased(long at) {
            throw new UnsupportedOperationException(READ_ONLY);
        }

        @Override
        public void setSealed(SealedSecret sealed) {
            throw new UnsupportedOperationException(READ_ONLY);
        }

        @Override
        public void setHasKeyPackage(boolean has) {
            throw new UnsupportedOperationException(READ_ONLY);
        }

        @Override
        public void setSealedKeyPackage(SealedSecret sealed) {
            throw new UnsupportedOperationException(READ_ONLY);
        }
    }

    /** The latest rotation as {@code Device.rotation} shows it. */
    private record Rotation(DeviceSnapshot device, String id, RotationStatus status, long requestedAt, String requestedBy,
            String ticketKey, String reason, Long completedAt, String newKeyId, String failure, String replacesKeyId)
            implements RotationModel {

        Rotation(DeviceSnapshot device, RotationModel read) {
            this(device, read.getId(), read.getStatus(), read.getRequestedAt(), read.getRequestedBy(), read.getTicketKey(),
                    read.getReason(), read.getCompletedAt(), read.getNewKeyId(), read.getFailure(), read.getReplacesKeyId());
        }

        @Override
        public String getId() {
            return id;
        }

        @Override
        public DeviceModel getDevice() {
            return device;
        }

        @Override
        public RotationStatus getStatus() {
            return status;
        }

        @Override
        public long getRequestedAt() {
            return requestedAt;
        }

        @Override
        public String getRequestedBy() {
            return requestedBy;
        }

        @Override
        public String getTicketKey() {
            return ticketKey;
        }

        @Override
        public String getReason() {
            return reason;
        }

        @Override
        public Long getCompletedAt() {
            return completedAt;
        }

        @Override
        public String getNewKeyId() {
            return newKeyId;
        }

        @Override
        public String getFailure() {
            return failure;
        }

        @Override
        public String getReplacesKeyId() {
            return replacesKeyId;
        }

        @Override
        public void complete(String newKeyId, long at) {
            throw new UnsupportedOperationException(READ_ONLY);
        }

        @Override
        public void fail(String why, long at) {
            throw new UnsupportedOperationException(READ_ONLY);
        }
    }
}
