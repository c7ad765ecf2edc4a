package io.keygate.bitlocker.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * The outbox of ticket write-backs: queued in the transaction of the release's audit entry,
 * delivered by a cluster-aware task. It holds what the comment says, never the key.
 */
@Entity
@Table(name = "BLK_TICKET_ANNOTATION")
public class TicketAnnotationEntity implements OutboxRow {

    public static final String DELIVERED = "DELIVERED";
    public static final String FAILED = "FAILED";

    @Id
    @Column(name = "ID", length = 36)
    private String id;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    @Column(name = "AUDIT_ID", length = 36, nullable = false)
    private String auditId;

    @Column(name = "TICKET_SYSTEM", length = 16, nullable = false)
    private String ticketSystem;

    @Column(name = "TICKET_KEY", length = 64, nullable = false)
    private String ticketKey;

    @Column(name = "DEVICE_ID", length = 36, nullable = false)
    private String deviceId;

    @Column(name = "DEVICE_NAME")
    private String deviceName;

    @Column(name = "KEY_ID", length = 36)
    private String keyId;

    @Column(name = "ACTOR_USERNAME")
    private String actorUsername;

    @Column(name = "RELEASED_AT", nullable = false)
    private long releasedAt;

    /** QUEUED, DELIVERED or FAILED. */
    @Column(name = "STATUS", length = 16, nullable = false)
    private String status;

    @Column(name = "ATTEMPTS", nullable = false)
    private int attempts;

    @Column(name = "NEXT_ATTEMPT_AT", nullable = false)
    private long nextAttemptAt;

    @Column(name = "LAST_ERROR", length = 1024)
    private String lastError;

    @Column(name = "DELIVERED_AT")
    private Long deliveredAt;

    /** Set while a delivery attempt is under way; still set after a crash mid-attempt. */
    @Column(name = "IN_FLIGHT_SINCE")
    private Long inFlightSince;

    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public String getRealmId() { return realmId; }
    public void setRealmId(String realmId) { this.realmId = realmId; }
    public String getAuditId() { return auditId; }
    public void setAuditId(String auditId) { this.auditId = auditId; }
    public String getTicketSystem() { return ticketSystem; }
    public void setTicketSystem(String ticketSystem) { this.ticketSystem = ticketSystem; }
    public String getTicketKey() { return ticketKey; }
    public void setTicketKey(String ticketKey) { this.ticketKey = ticketKey; }
    public String getDeviceId() { return deviceId; }
    public void setDeviceId(String deviceId) { this.deviceId = deviceId; }
    public String getDeviceName() { return deviceName; }
    public void setDeviceName(String deviceName) { this.deviceName = deviceName; }
    public String getKeyId() { return keyId; }
    public void setKeyId(String keyId) { this.keyId = keyId; }
    public String getActorUsername() { return actorUsername; }
    public void setActorUsername(String actorUsername) { this.actorUsername = actorUsername; }
    public long getReleasedAt() { return releasedAt; }
    public void setReleasedAt(long releasedAt) { this.releasedAt = releasedAt; }
    public String getStatus() { return status; }
    public void setStatus(String status) { this.status = status; }
    public int getAttempts() { return attempts; }
    public void setAttempts(int attempts) { this.attempts = attempts; }
    public long getNextAttemptAt() { return nextAttemptAt; }
    public void setNextAttemptAt(long nextAttemptAt) { this.nextAttemptAt = nextAttemptAt; }
    public String getLastError() { return lastError; }
    public void setLastError(String lastError) { this.lastError = lastError; }
    public Long getDeliveredAt() { return deliveredAt; }
    public void setDeliveredAt(Long deliveredAt) { this.deliveredAt = deliveredAt; }
    @Override
    public Long getInFlightSince() { return inFlightSince; }
    @Override
    public void setInFlightSince(Long inFlightSince) { this.inFlightSince = inFlightSince; }
}
