package io.keygate.bitlocker.jpa.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A campaign (SPEC §14): its ticket, its lifecycle, and when its ticket was last checked and commented on. */
@Entity
@Table(name = "BLK_CAMPAIGN")
public class CampaignEntity {

    @Id
    @Column(name = "ID", length = 36)
    private String id;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    @Column(name = "TICKET_SYSTEM", length = 32, nullable = false)
    private String ticketSystem;

    @Column(name = "TICKET_KEY", length = 64, nullable = false)
    private String ticketKey;

    @Column(name = "TICKET_ID", length = 64)
    private String ticketId;

    @Column(name = "TICKET_URL", length = 1024)
    private String ticketUrl;

    @Column(name = "TICKET_STATUS", length = 128)
    private String ticketStatus;

    @Column(name = "TICKET_TYPE", length = 128)
    private String ticketType;

    @Column(name = "REASON", length = 1000, nullable = false)
    private String reason;

    @Column(name = "STATUS", length = 16, nullable = false)
    private String status;

    @Column(name = "REQUESTER_ID", length = 36, nullable = false)
    private String requesterId;

    @Column(name = "REQUESTER_USERNAME")
    private String requesterUsername;

    @Column(name = "DECIDED_BY_ID", length = 36)
    private String decidedById;

    @Column(name = "DECIDED_BY_USERNAME")
    private String decidedByUsername;

    @Column(name = "DECIDED_AT")
    private Long decidedAt;

    @Column(name = "CLOSE_REASON", length = 1000)
    private String closeReason;

    @Column(name = "CREATED_AT", nullable = false)
    private long createdAt;

    @Column(name = "EXPIRES_AT", nullable = false)
    private long expiresAt;

    @Column(name = "DEVICES", nullable = false)
    private int devices;

    @Column(name = "TICKET_CHECKED_AT", nullable = false)
    private long ticketCheckedAt;

    @Column(name = "COMMENTED_AT", nullable = false)
    private long commentedAt;

    /** Devices released under the campaign, counted up as each is first released (under the realm's lock). */
    @Column(name = "REVEALED_DEVICES", nullable = false)
    private int revealedDevices;

    /** Those of them whose rotation has since completed. */
    @Column(name = "ROTATED_DEVICES", nullable = false)
    private int rotatedDevices;

    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public String getRealmId() { return realmId; }
    public void setRealmId(String realmId) { this.realmId = realmId; }
    public String getTicketSystem() { return ticketSystem; }
    public void setTicketSystem(String ticketSystem) { this.ticketSystem = ticketSystem; }
    public String getTicketKey() { return ticketKey; }
    public void setTicketKey(String ticketKey) { this.ticketKey = ticketKey; }
    public String getTicketId() { return ticketId; }
    public void setTicketId(String ticketId) { this.ticketId = ticketId; }
    public String getTicketUrl() { return ticketUrl; }
    public void setTicketUrl(String ticketUrl) { this.ticketUrl = ticketUrl; }
    public String getTicketStatus() { return ticketStatus; }
    public void setTicketStatus(String ticketStatus) { this.ticketStatus = ticketStatus; }
    public String getTicketType() { return ticketType; }
    public void setTicketType(String ticketType) { this.ticketType = ticketType; }
    public String getReason() { return reason; }
    public void setReason(String reason) { this.reason = reason; }
    public String getStatus() { return status; }
    public void setStatus(String status) { this.status = status; }
    public String getRequesterId() { return requesterId; }
    public void setRequesterId(String requesterId) { this.requesterId = requesterId; }
    public String getRequesterUsername() { return requesterUsername; }
    public void setRequesterUsername(String requesterUsername) { this.requesterUsername = requesterUsername; }
    public String getDecidedById() { return decidedById; }
    public void setDecidedById(String decidedById) { this.decidedById = decidedById; }
    public String getDecidedByUsername() { return decidedByUsername; }
    public void setDecidedByUsername(String decidedByUsername) { this.decidedByUsername = decidedByUsername; }
    public Long getDecidedAt() { return decidedAt; }
    public void setDecidedAt(Long decidedAt) { this.decidedAt = decidedAt; }
    public String getCloseReason() { return closeReason; }
    public void setCloseReason(String closeReason) { this.closeReason = closeReason; }
    public long getCreatedAt() { return createdAt; }
    public void setCreatedAt(long createdAt) { this.createdAt = createdAt; }
    public long getExpiresAt() { return expiresAt; }
    public void setExpiresAt(long expiresAt) { this.expiresAt = expiresAt; }
    public int getDevices() { return devices; }
    public void setDevices(int devices) { this.devices = devices; }
    public long getTicketCheckedAt() { return ticketCheckedAt; }
    public void setTicketCheckedAt(long ticketCheckedAt) { this.ticketCheckedAt = ticketCheckedAt; }
    public long getCommentedAt() { return commentedAt; }
    public void setCommentedAt(long commentedAt) { this.commentedAt = commentedAt; }
    public int getRevealedDevices() { return revealedDevices; }
    public int getRotatedDevices() { return rotatedDevices; }
}
