package io.keygate.bitlocker.jpa.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;

/**
 * What every outbox row has (ticket annotations, e-mails): the release it tells of — never the key —
 * and its delivery state. Queued with the release, delivered in the background.
 */
@MappedSuperclass
public abstract class OutboxEntity {

    public static final String QUEUED = "QUEUED";
    public static final String FAILED = "FAILED";
    private static final int MAX_ERROR = 1000;

    @Id
    @Column(name = "ID", length = 36)
    private String id;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

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

    /** QUEUED, FAILED, or the subclass's delivered state. */
    @Column(name = "STATUS", length = 16, nullable = false)
    private String status;

    @Column(name = "ATTEMPTS", nullable = false)
    private int attempts;

    @Column(name = "NEXT_ATTEMPT_AT", nullable = false)
    private long nextAttemptAt;

    @Column(name = "LAST_ERROR", length = 1024)
    private String lastError;

    /** Set while a delivery attempt is under way; still set after a crash mid-attempt. */
    @Column(name = "IN_FLIGHT_SINCE")
    private Long inFlightSince;

    /** Records why an attempt failed: the exception's message, shortened to fit its column. */
    public void setLastError(Throwable e) {
        setLastError(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    }

    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public String getRealmId() { return realmId; }
    public void setRealmId(String realmId) { this.realmId = realmId; }
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
    public String getStatus() { return status; }
    public void setStatus(String status) { this.status = status; }
    public int getAttempts() { return attempts; }
    public void setAttempts(int attempts) { this.attempts = attempts; }
    public long getNextAttemptAt() { return nextAttemptAt; }
    public void setNextAttemptAt(long nextAttemptAt) { this.nextAttemptAt = nextAttemptAt; }
    public String getLastError() { return lastError; }
    public void setLastError(String lastError) {
        this.lastError = lastError == null || lastError.length() <= MAX_ERROR ? lastError : lastError.substring(0, MAX_ERROR);
    }
    public Long getInFlightSince() { return inFlightSince; }
    public void setInFlightSince(Long inFlightSince) { this.inFlightSince = inFlightSince; }
}
