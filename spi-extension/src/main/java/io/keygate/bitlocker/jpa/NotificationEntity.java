package io.keygate.bitlocker.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * The outbox of e-mail notifications: queued in the transaction of the release's audit entry,
 * sent by a cluster-aware task. It holds who did what to which device under which ticket, never
 * the key. One row per recipient, so each is retried on its own.
 */
@Entity
@Table(name = "BLK_NOTIFICATION")
public class NotificationEntity implements OutboxRow {

    public static final String SENT = "SENT";
    public static final String FAILED = "FAILED";

    @Id
    @Column(name = "ID", length = 36)
    private String id;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    /** A {@code NotificationKind} name. */
    @Column(name = "KIND", length = 32, nullable = false)
    private String kind;

    /** The Keycloak user to write to (the device owner), or null when {@link #recipientEmail} is set. */
    @Column(name = "RECIPIENT_USER_ID", length = 36)
    private String recipientUserId;

    @Column(name = "RECIPIENT_EMAIL")
    private String recipientEmail;

    @Column(name = "AUDIT_ID", length = 36, nullable = false)
    private String auditId;

    @Column(name = "DEVICE_ID", length = 36, nullable = false)
    private String deviceId;

    @Column(name = "DEVICE_NAME")
    private String deviceName;

    @Column(name = "KEY_ID", length = 36)
    private String keyId;

    @Column(name = "ACTOR_USERNAME")
    private String actorUsername;

    @Column(name = "TICKET_SYSTEM", length = 16)
    private String ticketSystem;

    @Column(name = "TICKET_KEY", length = 64)
    private String ticketKey;

    @Column(name = "TICKET_URL", length = 1024)
    private String ticketUrl;

    @Column(name = "REASON", length = 1000)
    private String reason;

    @Column(name = "EVENT_AT", nullable = false)
    private long eventAt;

    /** QUEUED, SENT or FAILED. */
    @Column(name = "STATUS", length = 16, nullable = false)
    private String status;

    @Column(name = "ATTEMPTS", nullable = false)
    private int attempts;

    @Column(name = "NEXT_ATTEMPT_AT", nullable = false)
    private long nextAttemptAt;

    @Column(name = "LAST_ERROR", length = 1024)
    private String lastError;

    @Column(name = "SENT_AT")
    private Long sentAt;

    /** Set while a delivery attempt is under way; still set after a crash mid-attempt. */
    @Column(name = "IN_FLIGHT_SINCE")
    private Long inFlightSince;

    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public String getRealmId() { return realmId; }
    public void setRealmId(String realmId) { this.realmId = realmId; }
    public String getKind() { return kind; }
    public void setKind(String kind) { this.kind = kind; }
    public String getRecipientUserId() { return recipientUserId; }
    public void setRecipientUserId(String recipientUserId) { this.recipientUserId = recipientUserId; }
    public String getRecipientEmail() { return recipientEmail; }
    public void setRecipientEmail(String recipientEmail) { this.recipientEmail = recipientEmail; }
    public String getAuditId() { return auditId; }
    public void setAuditId(String auditId) { this.auditId = auditId; }
    public String getDeviceId() { return deviceId; }
    public void setDeviceId(String deviceId) { this.deviceId = deviceId; }
    public String getDeviceName() { return deviceName; }
    public void setDeviceName(String deviceName) { this.deviceName = deviceName; }
    public String getKeyId() { return keyId; }
    public void setKeyId(String keyId) { this.keyId = keyId; }
    public String getActorUsername() { return actorUsername; }
    public void setActorUsername(String actorUsername) { this.actorUsername = actorUsername; }
    public String getTicketSystem() { return ticketSystem; }
    public void setTicketSystem(String ticketSystem) { this.ticketSystem = ticketSystem; }
    public String getTicketKey() { return ticketKey; }
    public void setTicketKey(String ticketKey) { this.ticketKey = ticketKey; }
    public String getTicketUrl() { return ticketUrl; }
    public void setTicketUrl(String ticketUrl) { this.ticketUrl = ticketUrl; }
    public String getReason() { return reason; }
    public void setReason(String reason) { this.reason = reason; }
    public long getEventAt() { return eventAt; }
    public void setEventAt(long eventAt) { this.eventAt = eventAt; }
    public String getStatus() { return status; }
    public void setStatus(String status) { this.status = status; }
    public int getAttempts() { return attempts; }
    public void setAttempts(int attempts) { this.attempts = attempts; }
    public long getNextAttemptAt() { return nextAttemptAt; }
    public void setNextAttemptAt(long nextAttemptAt) { this.nextAttemptAt = nextAttemptAt; }
    public String getLastError() { return lastError; }
    public void setLastError(String lastError) { this.lastError = lastError; }
    public Long getSentAt() { return sentAt; }
    public void setSentAt(Long sentAt) { this.sentAt = sentAt; }
    @Override
    public Long getInFlightSince() { return inFlightSince; }
    @Override
    public void setInFlightSince(Long inFlightSince) { this.inFlightSince = inFlightSince; }
}
