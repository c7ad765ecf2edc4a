package io.keygate.bitlocker.model;

import java.util.List;

/**
 * A Windows device of a realm, escrowed by an agent or synchronised from a remote key source. The
 * escrow write path changes it; everything else reads it.
 */
public interface DeviceModel {

    /** The device's GUID, lower-case. */
    String getId();

    String getRealmId();

    String getName();

    void setName(String name);

    /** The key source that holds this device's keys ({@code local}, {@code entra}, …). */
    String getSource();

    /** The device's identifier at a remote key source, when it has one. */
    String getExternalId();

    void setExternalId(String externalId);

    /** {@code null} when no owner was ever reported. */
    DeviceOwner getOwner();

    void setOwner(DeviceOwner owner);

    /** {@code null} until the device reports it. */
    Encryption getEncryption();

    void setEncryption(Encryption encryption);

    EscrowStatus getEscrowStatus();

    /** When the escrow status last changed. */
    long getStatusSince();

    /** Sets the status; {@link #getStatusSince()} moves only when it changes. */
    void setEscrowStatus(EscrowStatus status, long now);

    /** Since when the device is gone from its remote key source (its metadata is kept); {@code null} while it is there. */
    Long getRemovedAt();

    /** The remote key source listed the device at {@code at}: it is there (again). */
    void markSeenAtSource(long at);

    /** The remote key source no longer lists the device; the first such time is kept. */
    void markRemovedFromSource(long at);

    /** The RFC 7638 thumbprint of the DPoP key the device is bound to; {@code null} while unbound. */
    String getBoundKey();

    /**
     * Pins the device to {@code jkt} ({@code null}: forgets the pin).
     *
     * @param byAdmin an administrator pinned it (a re-imaged device): check-ins under it may retire keys
     *                escrowed under an earlier pin
     */
    void setBoundKey(String jkt, boolean byAdmin);

    /** Whether the current pin was set by an administrator rather than by a check-in. */
    boolean isBoundByAdmin();

    Long getLastCheckIn();

    void setLastCheckIn(long at);

    /** Every key of the device, newest first. */
    List<RecoveryKeyModel> getKeys();

    RecoveryKeyModel getKey(String keyId);

    /** A new ACTIVE key. */
    RecoveryKeyModel addKey(String keyId, VolumeType volumeType, long createdAt);

    void removeKey(RecoveryKeyModel key);

    /** The open (PENDING) rotation, or {@code null}. */
    RotationModel getOpenRotation();

    /** The most recent rotation of any status, or {@code null}. */
    RotationModel getLatestRotation();

    /** A new PENDING rotation of the key {@code replacesKeyId} (may be null). */
    RotationModel addRotation(long requestedAt, String requestedBy, String ticketKey, String reason, String replacesKeyId);
}
