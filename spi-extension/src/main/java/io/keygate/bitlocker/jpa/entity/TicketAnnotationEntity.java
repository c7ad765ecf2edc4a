package io.keygate.bitlocker.jpa.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/**
 * The outbox of ticket write-backs: queued in the transaction of the release's audit entry,
 * delivered by a cluster-aware task. It holds what the comment says, never the key.
 */
@Entity
@Table(name = "BLK_TICKET_ANNOTATION")
public class TicketAnnotationEntity extends OutboxEntity {

    public static final String DELIVERED = "DELIVERED";

    @Column(name = "TICKET_SYSTEM", length = 16, nullable = false)
    private String ticketSystem;

    @Column(name = "TICKET_KEY", length = 64, nullable = false)
    private String ticketKey;

    @Column(name = "RELEASED_AT", nullable = false)
    private long releasedAt;

    @Column(name = "DELIVERED_AT")
    private Long deliveredAt;

    /** A campaign's summary (SPEC §14) as JSON; then DEVICE_ID holds the campaign's ID. {@code null} for one release. */
    @Column(name = "SUMMARY", length = 4000)
    private String summary;

    public String getTicketSystem() { return ticketSystem; }
    public void setTicketSystem(String ticketSystem) { this.ticketSystem = ticketSystem; }
    public String getTicketKey() { return ticketKey; }
    public void setTicketKey(String ticketKey) { this.ticketKey = ticketKey; }
    public long getReleasedAt() { return releasedAt; }
    public void setReleasedAt(long releasedAt) { this.releasedAt = releasedAt; }
    public String getSummary() { return summary; }
    public void setSummary(String summary) { this.summary = summary; }
    public Long getDeliveredAt() { return deliveredAt; }
    public void setDeliveredAt(Long deliveredAt) { this.deliveredAt = deliveredAt; }
}
