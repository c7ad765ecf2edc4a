package io.keygate.bitlocker.jpa.entity;

import java.io.Serializable;
import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** How far one audit sink of a realm has received the log. */
@Entity
@Table(name = "BLK_AUDIT_FORWARDING")
@IdClass(ForwardingCursorEntity.Key.class)
public class ForwardingCursorEntity {

    @Id
    @Column(name = "REALM_ID", length = 36)
    private String realmId;

    @Id
    @Column(name = "SINK", length = 16)
    private String sink;

    @Column(name = "LAST_SEQ", nullable = false)
    private long lastSeq;

    @Column(name = "FAILING_SINCE")
    private Long failingSince;

    @Column(name = "ATTEMPTS", nullable = false)
    private int attempts;

    @Column(name = "NEXT_ATTEMPT_AT")
    private Long nextAttemptAt;

    @Column(name = "FAILURE_AUDITED_AT")
    private Long failureAuditedAt;

    @Column(name = "LAST_ERROR", length = 1024)
    private String lastError;

    public String getRealmId() { return realmId; }
    public void setRealmId(String realmId) { this.realmId = realmId; }
    public String getSink() { return sink; }
    public void setSink(String sink) { this.sink = sink; }
    public long getLastSeq() { return lastSeq; }
    public void setLastSeq(long lastSeq) { this.lastSeq = lastSeq; }
    public Long getFailingSince() { return failingSince; }
    public void setFailingSince(Long failingSince) { this.failingSince = failingSince; }
    public int getAttempts() { return attempts; }
    public void setAttempts(int attempts) { this.attempts = attempts; }
    public Long getNextAttemptAt() { return nextAttemptAt; }
    public void setNextAttemptAt(Long nextAttemptAt) { this.nextAttemptAt = nextAttemptAt; }
    public Long getFailureAuditedAt() { return failureAuditedAt; }
    public void setFailureAuditedAt(Long failureAuditedAt) { this.failureAuditedAt = failureAuditedAt; }
    public String getLastError() { return lastError; }
    public void setLastError(String lastError) { this.lastError = lastError; }

    /** The composite key: realm and sink. */
    public static class Key implements Serializable {
        private String realmId;
        private String sink;

        public Key() {
        }

        public Key(String realmId, String sink) {
            this.realmId = realmId;
            this.sink = sink;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(realmId, k.realmId) && Objects.equals(sink, k.sink);
        }

        @Override
        public int hashCode() {
            return Objects.hash(realmId, sink);
        }
    }
}
