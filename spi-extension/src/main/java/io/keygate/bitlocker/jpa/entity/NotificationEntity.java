package io.keygate.bitlocker.jpa.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/**
 * The outbox of e-mail notifications: queued in the transaction of the release's audit entry,
 * sent by a cluster-aware task. It holds who did what to which device under which ticket, never
 * the key. One row per recipient, so each is retried on its own.
 */
@Entity
@Table(name = "BLK_NOTIFICATION")
public class NotificationEntity extends OutboxEntity {

    public static final String SENT = "SENT";

    /** A {@code NotificationKind} name. */
    @Column(name = "KIND", length = 32, nullable = false)
    private String kind;

    /** The Keycloak user to write to (the device owner), or null when {@link #recipientEmail} is set. */
    @Column(name = "RECIPIENT_USER_ID", length = 36)
    private String recipientUserId;

    @Column(name = "RECIPIENT_EMAIL")
    private String recipientEmail;

    @Column(name = "TICKET_SYSTEM", length = 16)
    private String ticketSystem;

    @Column(name = "TICKET_KEY", length = 64)
    private String ticketKey;

    @Column(name = "TICKET_URL", length = 1024)
    private String ticketUrl;

    @Column(name = "REASON", length = 1000)
    private String reason;

    @Column(name = "LINK", length = 1024)
    private String link;

    @Column(name = "EVENT_AT", nullable = false)
    private long eventAt;

    @Column(name = "SENT_AT")
    private Long sentAt;

    public String getKind() { return kind; }
    public void setKind(String kind) { this.kind = kind; }
    public String getRecipientUserId() { return recipientUserId; }
    public void setRecipientUserId(String recipientUserId) { this.recipientUserId = recipientUserId; }
    public String getRecipientEmail() { return recipientEmail; }
    public void setRecipientEmail(String recipientEmail) { this.recipientEmail = recipientEmail; }
    public String getTicketSystem() { return ticketSystem; }
    public void setTicketSystem(String ticketSystem) { this.ticketSystem = ticketSystem; }
    public String getTicketKey() { return ticketKey; }
    public void setTicketKey(String ticketKey) { this.ticketKey = ticketKey; }
    public String getTicketUrl() { return ticketUrl; }
    public void setTicketUrl(String ticketUrl) { this.ticketUrl = ticketUrl; }
    public String getLink() { return link; }
    public void setLink(String link) { this.link = link; }
    public String getReason() { return reason; }
    public void setReason(String reason) { this.reason = reason; }
    public long getEventAt() { return eventAt; }
    public void setEventAt(long eventAt) { this.eventAt = eventAt; }
    public Long getSentAt() { return sentAt; }
    public void setSentAt(Long sentAt) { this.sentAt = sentAt; }
}
