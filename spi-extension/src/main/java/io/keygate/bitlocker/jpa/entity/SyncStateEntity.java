package io.keygate.bitlocker.jpa.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A realm's metadata-sync progress (one row per realm that syncs). */
@Entity
@Table(name = "BLK_SYNC_STATE")
public class SyncStateEntity {

    @Id
    @Column(name = "REALM_ID", length = 36)
    private String realmId;

    @Column(name = "STATE", length = 16, nullable = false)
    private String state;

    @Column(name = "PHASE", length = 32)
    private String phase;

    @Column(name = "NEXT_LINK", length = 4000)
    private String nextLink;

    @Column(name = "RUN_STARTED_AT", nullable = false)
    private long runStartedAt;

    @Column(name = "LAST_RUN_AT")
    private Long lastRunAt;

    @Column(name = "LAST_SUCCESS_AT")
    private Long lastSuccessAt;

    @Column(name = "DEVICES", nullable = false)
    private long devices;

    @Column(name = "KEYS_SEEN", nullable = false)
    private long keys;

    @Column(name = "REQUESTS", nullable = false)
    private long requests;

    @Column(name = "ERROR", length = 1024)
    private String error;

    public String getRealmId() { return realmId; }
    public void setRealmId(String realmId) { this.realmId = realmId; }
    public String getState() { return state; }
    public void setState(String state) { this.state = state; }
    public String getPhase() { return phase; }
    public void setPhase(String phase) { this.phase = phase; }
    public String getNextLink() { return nextLink; }
    public void setNextLink(String nextLink) { this.nextLink = nextLink; }
    public long getRunStartedAt() { return runStartedAt; }
    public void setRunStartedAt(long runStartedAt) { this.runStartedAt = runStartedAt; }
    public Long getLastRunAt() { return lastRunAt; }
    public void setLastRunAt(Long lastRunAt) { this.lastRunAt = lastRunAt; }
    public Long getLastSuccessAt() { return lastSuccessAt; }
    public void setLastSuccessAt(Long lastSuccessAt) { this.lastSuccessAt = lastSuccessAt; }
    public long getDevices() { return devices; }
    public void setDevices(long devices) { this.devices = devices; }
    public long getKeys() { return keys; }
    public void setKeys(long keys) { this.keys = keys; }
    public long getRequests() { return requests; }
    public void setRequests(long requests) { this.requests = requests; }
    public String getError() { return error; }
    public void setError(String error) { this.error = error; }
}
