package io.keygate.bitlocker.jpa.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EntityListeners;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

/**
 * A BitLocker recovery-password protector. Locally escrowed keys carry the password only as
 * AES-256-GCM ciphertext; Entra-sourced keys carry none (fetched at release time).
 */
@Entity
@EntityListeners(DeviceChangeListener.class)
@Table(name = "BLK_RECOVERY_KEY")
public class RecoveryKeyEntity {

    @Id
    @Column(name = "ID", length = 36)
    private String id;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "DEVICE_PK", nullable = false)
    private DeviceEntity device;

    /** The protector's GUID, lower-case with dashes. */
    @Column(name = "KEY_ID", length = 36, nullable = false)
    private String keyId;

    /** The key ID as 32 hex digits without dashes: the prefix-search column. */
    @Column(name = "KEY_ID_HEX", length = 32, nullable = false)
    private String keyIdHex;

    @Column(name = "VOLUME_TYPE", length = 20, nullable = false)
    private String volumeType;

    @Column(name = "STATE", length = 16, nullable = false)
    private String state;

    @Column(name = "CREATED_AT", nullable = false)
    private long createdAt;

    @Column(name = "SUPERSEDED_AT")
    private Long supersededAt;

    /** Base64 of nonce and AES-GCM ciphertext; {@code null} for keys held by a remote source. */
    @Column(name = "CIPHERTEXT", length = 512)
    private String ciphertext;

    /** Fingerprint of the key-encryption key the ciphertext was made with. */
    @Column(name = "KEK_ID", length = 16)
    private String kekId;

    /** The thumbprint of the agent key the device was pinned to when this key was escrowed. */
    @Column(name = "ESCROWED_UNDER_JKT", length = 64)
    private String escrowedUnderJkt;

    /** When the password was first released; a released password no longer proves the device. */
    @Column(name = "RELEASED_AT")
    private Long releasedAt;

    /** Whether the source holds a key package for this key (sealed in {@link KeyPackageEntity}, or at the source). */
    @Column(name = "HAS_KEY_PACKAGE", nullable = false)
    private boolean hasKeyPackage;

    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public String getRealmId() { return realmId; }
    public void setRealmId(String realmId) { this.realmId = realmId; }
    public DeviceEntity getDevice() { return device; }
    public void setDevice(DeviceEntity device) { this.device = device; }
    public String getKeyId() { return keyId; }
    public void setKeyId(String keyId) {
        this.keyId = keyId;
        this.keyIdHex = keyId == null ? null : keyId.replace("-", "");
    }
    public String getKeyIdHex() { return keyIdHex; }
    public String getVolumeType() { return volumeType; }
    public void setVolumeType(String volumeType) { this.volumeType = volumeType; }
    public String getState() { return state; }
    public void setState(String state) { this.state = state; }
    public long getCreatedAt() { return createdAt; }
    public void setCreatedAt(long createdAt) { this.createdAt = createdAt; }
    public Long getSupersededAt() { return supersededAt; }
    public void setSupersededAt(Long supersededAt) { this.supersededAt = supersededAt; }
    public String getCiphertext() { return ciphertext; }
    public void setCiphertext(String ciphertext) { this.ciphertext = ciphertext; }
    public String getKekId() { return kekId; }
    public void setKekId(String kekId) { this.kekId = kekId; }
    public String getEscrowedUnderJkt() { return escrowedUnderJkt; }
    public void setEscrowedUnderJkt(String escrowedUnderJkt) { this.escrowedUnderJkt = escrowedUnderJkt; }
    public Long getReleasedAt() { return releasedAt; }
    public void setReleasedAt(Long releasedAt) { this.releasedAt = releasedAt; }
    public boolean isHasKeyPackage() { return hasKeyPackage; }
    public void setHasKeyPackage(boolean hasKeyPackage) { this.hasKeyPackage = hasKeyPackage; }
}
