package io.keygate.bitlocker.jpa.entity;

import java.io.Serializable;
import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/**
 * A device of a campaign (SPEC §14): its name as it was when the campaign was made (what the list sorts and
 * searches by) and how far it has come. One row per device: a device counts once however often it is revealed.
 */
@Entity
@IdClass(CampaignDeviceEntity.Key.class)
@Table(name = "BLK_CAMPAIGN_DEVICE")
public class CampaignDeviceEntity {

    @Id
    @Column(name = "CAMPAIGN_ID", length = 36)
    private String campaignId;

    @Id
    @Column(name = "DEVICE_ID", length = 36)
    private String deviceId;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    @Column(name = "DEVICE_NAME", nullable = false)
    private String deviceName;

    @Column(name = "DEVICE_NAME_LOWER", nullable = false)
    private String deviceNameLower;

    @Column(name = "STATE", length = 16, nullable = false)
    private String state;

    @Column(name = "REVEALED_AT")
    private Long revealedAt;

    @Column(name = "ROTATED_AT")
    private Long rotatedAt;

    public String getCampaignId() { return campaignId; }
    public void setCampaignId(String campaignId) { this.campaignId = campaignId; }
    public String getDeviceId() { return deviceId; }
    public void setDeviceId(String deviceId) { this.deviceId = deviceId; }
    public String getRealmId() { return realmId; }
    public void setRealmId(String realmId) { this.realmId = realmId; }
    public String getDeviceName() { return deviceName; }
    public void setDeviceName(String deviceName) { this.deviceName = deviceName; }
    public String getDeviceNameLower() { return deviceNameLower; }
    public void setDeviceNameLower(String deviceNameLower) { this.deviceNameLower = deviceNameLower; }
    public String getState() { return state; }
    public void setState(String state) { this.state = state; }
    public Long getRevealedAt() { return revealedAt; }
    public void setRevealedAt(Long revealedAt) { this.revealedAt = revealedAt; }
    public Long getRotatedAt() { return rotatedAt; }
    public void setRotatedAt(Long rotatedAt) { this.rotatedAt = rotatedAt; }

    /** The row's identity: (campaign, device). */
    public static class Key implements Serializable {
        private String campaignId;
        private String deviceId;

        public Key() {
        }

        public Key(String campaignId, String deviceId) {
            this.campaignId = campaignId;
            this.deviceId = deviceId;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(campaignId, k.campaignId) && Objects.equals(deviceId, k.deviceId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(campaignId, deviceId);
        }
    }
}
