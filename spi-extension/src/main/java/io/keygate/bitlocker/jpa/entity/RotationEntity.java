package io.keygate.bitlocker.jpa.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EntityListeners;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

/** A key rotation of one device: PENDING until the new key is escrowed, then COMPLETED or FAILED. */
@Entity
@EntityListeners(DeviceChangeListener.class)
@Table(name = "BLK_ROTATION")
public class RotationEntity {

    @Id
    @Column(name = "ID", length = 36)
    private String id;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "DEVICE_PK", nullable = false)
    private DeviceEntity device;

    @Column(name = "STATUS", length = 16, nullable = false)
    private String status;

    @Column(name = "REQUESTED_AT", nullable = false)
    private long requestedAt;

    @Column(name = "REQUESTED_BY")
    private String requestedBy;

    @Column(name = "TICKET_KEY", length = 64)
    private String ticketKey;

    @Column(name = "REASON", length = 1024)
    private String reason;

    @Column(name = "COMPLETED_AT")
    private Long completedAt;

    @Column(name = "NEW_KEY_ID", length = 36)
    private String newKeyId;

    @Column(name = "FAILURE", length = 1024)
    private String failure;

    /** The key this rotation replaces (the one that was revealed), when there was one. */
    @Column(name = "REPLACES_KEY_ID", length = 36)
    private String replacesKeyId;

    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public String getRealmId() { return realmId; }
    public void setRealmId(String realmId) { this.realmId = realmId; }
    public DeviceEntity getDevice() { return device; }
    public void setDevice(DeviceEntity device) { this.device = device; }
    public String getStatus() { return status; }
    public void setStatus(String status) { this.status = status; }
    public long getRequestedAt() { return requestedAt; }
    public void setRequestedAt(long requestedAt) { this.requestedAt = requestedAt; }
    public String getRequestedBy() { return requestedBy; }
    public void setRequestedBy(String requestedBy) { this.requestedBy = requestedBy; }
    public String getTicketKey() { return ticketKey; }
    public void setTicketKey(String ticketKey) { this.ticketKey = ticketKey; }
    public String getReason() { return reason; }
    public void setReason(String reason) { this.reason = reason; }
    public Long getCompletedAt() { return completedAt; }
    public void setCompletedAt(Long completedAt) { this.completedAt = completedAt; }
    public String getNewKeyId() { return newKeyId; }
    public void setNewKeyId(String newKeyId) { this.newKeyId = newKeyId; }
    public String getFailure() { return failure; }
    public void setFailure(String failure) { this.failure = failure; }
    public String getReplacesKeyId() { return replacesKeyId; }
    public void setReplacesKeyId(String replacesKeyId) { this.replacesKeyId = replacesKeyId; }
}
