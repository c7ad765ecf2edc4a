package io.keygate.bitlocker.jpa.entity;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EntityListeners;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import jakarta.persistence.Version;

/** A Windows device known to the extension, escrowed by an agent or synchronised from Entra ID. */
@Entity
@EntityListeners(DeviceChangeListener.class)
@Table(name = "BLK_DEVICE")
public class DeviceEntity {

    @Id
    @Column(name = "ID", length = 36)
    private String id;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    /** The device's GUID, lower-case. */
    @Column(name = "DEVICE_ID", length = 36, nullable = false)
    private String deviceId;

    @Column(name = "DEVICE_NAME", nullable = false)
    private String deviceName;

    /** Lower-cased name: the sort and prefix-search column. */
    @Column(name = "DEVICE_NAME_LOWER", nullable = false)
    private String deviceNameLower;

    /** Which key source holds this device's keys ({@code local}, {@code entra}). */
    @Column(name = "SOURCE", length = 16, nullable = false)
    private String source;

    @Column(name = "EXTERNAL_ID")
    private String externalId;

    @Column(name = "OWNER_USER_ID", length = 36)
    private String ownerUserId;

    @Column(name = "OWNER_USERNAME")
    private String ownerUsername;

    @Column(name = "OWNER_EMAIL")
    private String ownerEmail;

    @Column(name = "ENCRYPTION", length = 16)
    private String encryption;

    @Column(name = "ESCROW_STATUS", length = 16, nullable = false)
    private String escrowStatus;

    @Column(name = "LAST_CHECK_IN")
    private Long lastCheckIn;

    /** When the escrow status last changed: how long a device has been PENDING. */
    @Column(name = "STATUS_SINCE", nullable = false)
    private long statusSince;

    @Column(name = "CREATED_AT", nullable = false)
    private long createdAt;

    @Column(name = "UPDATED_AT", nullable = false)
    private long updatedAt;

    /** The thumbprint of the DPoP key the device's agent proved at its first check-in. */
    @Column(name = "BOUND_JKT", length = 64)
    private String boundJkt;

    /** Whether an administrator set {@code BOUND_JKT} (a re-imaged device) rather than a check-in. */
    @Column(name = "BOUND_BY_ADMIN", nullable = false)
    private boolean boundByAdmin;

    /** When the device was last seen at its remote key source (a sync run or a refresh). */
    @Column(name = "SYNCED_AT")
    private Long syncedAt;

    /** Since when the device is gone from its remote key source; its metadata is kept. */
    @Column(name = "REMOVED_AT")
    private Long removedAt;

    @Version
    @Column(name = "VERSION")
    private int version;

    /** {@link #shown()} as loaded or last flushed; {@code null} for a row this session created. */
    @Transient
    private List<Object> shownAsWritten;

    /** The name as loaded or last flushed. */
    @Transient
    private String nameAsWritten;

    /**
     * Every column a device view shows or the device cache keeps — all but the check-in and bookkeeping times, so
     * that a check-in that changed nothing else drops no cached copy ({@link DeviceChangeListener}). A column that
     * a view comes to show belongs here.
     */
    List<Object> shown() {
        return Arrays.asList(realmId, deviceId, deviceName, source, externalId, ownerUserId, ownerUsername, ownerEmail,
                encryption, escrowStatus, statusSince, removedAt, boundJkt, boundByAdmin);
    }

    /**
     * What a write of the row changed since it was loaded or last written (a row this session created: everything):
     * any column of {@link #shown()}, and the name, on which alone depends which devices share one
     * ({@code GET /escrow/status}). Remembers the row as written now.
     */
    Written written() {
        List<Object> now = shown();
        Written written = new Written(!now.equals(shownAsWritten),
                shownAsWritten == null || !Objects.equals(deviceName, nameAsWritten));
        shownAsWritten = now;
        nameAsWritten = deviceName;
        return written;
    }

    record Written(boolean shownChanged, boolean nameChanged) {
    }

    void loaded() {
        shownAsWritten = shown();
        nameAsWritten = deviceName;
    }

    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public String getRealmId() { return realmId; }
    public void setRealmId(String realmId) { this.realmId = realmId; }
    public String getDeviceId() { return deviceId; }
    public void setDeviceId(String deviceId) { this.deviceId = deviceId; }
    public String getDeviceName() { return deviceName; }
    public void setDeviceName(String deviceName) {
        this.deviceName = deviceName;
        this.deviceNameLower = deviceName == null ? null : deviceName.toLowerCase(java.util.Locale.ROOT);
    }
    public String getDeviceNameLower() { return deviceNameLower; }
    public String getSource() { return source; }
    public void setSource(String source) { this.source = source; }
    public String getExternalId() { return externalId; }
    public void setExternalId(String externalId) { this.externalId = externalId; }
    public String getOwnerUserId() { return ownerUserId; }
    public void setOwnerUserId(String ownerUserId) { this.ownerUserId = ownerUserId; }
    public String getOwnerUsername() { return ownerUsername; }
    public void setOwnerUsername(String ownerUsername) { this.ownerUsername = ownerUsername; }
    public String getOwnerEmail() { return ownerEmail; }
    public void setOwnerEmail(String ownerEmail) { this.ownerEmail = ownerEmail; }
    public String getEncryption() { return encryption; }
    public void setEncryption(String encryption) { this.encryption = encryption; }
    public String getEscrowStatus() { return escrowStatus; }
    public void setEscrowStatus(String escrowStatus) { this.escrowStatus = escrowStatus; }
    public Long getLastCheckIn() { return lastCheckIn; }
    public void setLastCheckIn(Long lastCheckIn) { this.lastCheckIn = lastCheckIn; }
    public long getStatusSince() { return statusSince; }
    public void setStatusSince(long statusSince) { this.statusSince = statusSince; }
    public long getCreatedAt() { return createdAt; }
    public void setCreatedAt(long createdAt) { this.createdAt = createdAt; }
    public long getUpdatedAt() { return updatedAt; }
    public void setUpdatedAt(long updatedAt) { this.updatedAt = updatedAt; }
    public int getVersion() { return version; }
    public Long getSyncedAt() { return syncedAt; }
    public void setSyncedAt(Long syncedAt) { this.syncedAt = syncedAt; }
    public Long getRemovedAt() { return removedAt; }
    public void setRemovedAt(Long removedAt) { this.removedAt = removedAt; }
    public String getBoundJkt() { return boundJkt; }
    public void setBoundJkt(String boundJkt) { this.boundJkt = boundJkt; }
    public boolean isBoundByAdmin() { return boundByAdmin; }
    public void setBoundByAdmin(boolean boundByAdmin) { this.boundByAdmin = boundByAdmin; }
}
