package io.keygate.bitlocker.jpa.entity;

import java.io.Serializable;
import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** An item one sync phase staged for a later one: identifiers, dates and states only. */
@Entity
@Table(name = "BLK_SYNC_STAGE")
@IdClass(SyncStageEntity.Key.class)
public class SyncStageEntity {

    @Id
    @Column(name = "REALM_ID", length = 36)
    private String realmId;

    @Id
    @Column(name = "KIND", length = 16)
    private String kind;

    @Id
    @Column(name = "ITEM_ID", length = 64)
    private String itemId;

    @Column(name = "DEVICE_ID", length = 64)
    private String deviceId;

    @Column(name = "VOLUME_TYPE", length = 32)
    private String volumeType;

    @Column(name = "CREATED_AT")
    private Long createdAt;

    @Column(name = "ITEM_VALUE")
    private String value;

    public String getRealmId() { return realmId; }
    public void setRealmId(String realmId) { this.realmId = realmId; }
    public String getKind() { return kind; }
    public void setKind(String kind) { this.kind = kind; }
    public String getItemId() { return itemId; }
    public void setItemId(String itemId) { this.itemId = itemId; }
    public String getDeviceId() { return deviceId; }
    public void setDeviceId(String deviceId) { this.deviceId = deviceId; }
    public String getVolumeType() { return volumeType; }
    public void setVolumeType(String volumeType) { this.volumeType = volumeType; }
    public Long getCreatedAt() { return createdAt; }
    public void setCreatedAt(Long createdAt) { this.createdAt = createdAt; }
    public String getValue() { return value; }
    public void setValue(String value) { this.value = value; }

    /** The composite key: realm, kind, item. */
    public static class Key implements Serializable {
        private String realmId;
        private String kind;
        private String itemId;

        public Key() {
        }

        public Key(String realmId, String kind, String itemId) {
            this.realmId = realmId;
            this.kind = kind;
            this.itemId = itemId;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(realmId, k.realmId) && Objects.equals(kind, k.kind)
                    && Objects.equals(itemId, k.itemId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(realmId, kind, itemId);
        }
    }
}
