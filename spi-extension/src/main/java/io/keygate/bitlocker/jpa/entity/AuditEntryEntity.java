package io.keygate.bitlocker.jpa.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * One row of the append-only audit log. Rows are inserted, never updated; {@code SEQ} is the
 * position in the realm's hash chain.
 */
@Entity
@Table(name = "BLK_AUDIT_ENTRY")
public class AuditEntryEntity {

    @Id
    @Column(name = "ID", length = 36)
    private String id;

    @Column(name = "REALM_ID", length = 36, nullable = false, updatable = false)
    private String realmId;

    @Column(name = "SEQ", nullable = false, updatable = false)
    private long seq;

    @Column(name = "EVENT_TIME", nullable = false, updatable = false)
    private long time;

    @Column(name = "ACTION", length = 32, nullable = false, updatable = false)
    private String action;

    @Column(name = "OUTCOME", length = 16, nullable = false, updatable = false)
    private String outcome;

    @Column(name = "CODE", length = 64, updatable = false)
    private String code;

    @Column(name = "ACTOR_USER_ID", length = 36, updatable = false)
    private String actorUserId;

    @Column(name = "ACTOR_USERNAME", updatable = false)
    private String actorUsername;

    @Column(name = "CLIENT_ID", updatable = false)
    private String clientId;

    @Column(name = "SOURCE", length = 16, nullable = false, updatable = false)
    private String source;

    @Column(name = "IP_ADDRESS", length = 64, updatable = false)
    private String ipAddress;

    @Column(name = "USER_AGENT", length = 512, updatable = false)
    private String userAgent;

    @Column(name = "DEVICE_ID", length = 36, updatable = false)
    private String deviceId;

    @Column(name = "DEVICE_NAME", updatable = false)
    private String deviceName;

    @Column(name = "KEY_ID", length = 36, updatable = false)
    private String keyId;

    @Column(name = "TICKET_SYSTEM", length = 16, updatable = false)
    private String ticketSystem;

    @Column(name = "TICKET_KEY", length = 64, updatable = false)
    private String ticketKey;

    @Column(name = "TICKET_URL", length = 1024, updatable = false)
    private String ticketUrl;

    @Column(name = "TICKET_STATUS", length = 128, updatable = false)
    private String ticketStatus;

    @Column(name = "TICKET_TYPE", length = 128, updatable = false)
    private String ticketType;

    /** The ticket's canonical identity (Jira issue id, ServiceNow sys_id); null in entries written before 0.2. */
    @Column(name = "TICKET_ID", length = 64, updatable = false)
    private String ticketId;

    @Column(name = "REASON", length = 2048, updatable = false)
    private String reason;

    /** The approved release request a release used (dual control), and its approver. */
    @Column(name = "APPROVAL_REQUEST_ID", length = 36, updatable = false)
    private String approvalRequestId;

    @Column(name = "APPROVER_USER_ID", length = 36, updatable = false)
    private String approverUserId;

    @Column(name = "APPROVER_USERNAME", updatable = false)
    private String approverUsername;

    @Column(name = "ACR", length = 64, updatable = false)
    private String acr;

    /** {@code true} when a release asked for the key package too; {@code null} otherwise. */
    @Column(name = "KEY_PACKAGE", updatable = false)
    private Boolean keyPackage;

    /** The campaign (SPEC §14) the entry belongs to; {@code null} otherwise. */
    @Column(name = "CAMPAIGN_ID", length = 36, updatable = false)
    private String campaignId;

    @Column(name = "PREV_HASH", length = 64, nullable = false, updatable = false)
    private String prevHash;

    @Column(name = "HASH", length = 64, nullable = false, updatable = false)
    private String hash;

    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public String getRealmId() { return realmId; }
    public void setRealmId(String realmId) { this.realmId = realmId; }
    public long getSeq() { return seq; }
    public void setSeq(long seq) { this.seq = seq; }
    public long getTime() { return time; }
    public void setTime(long time) { this.time = time; }
    public String getAction() { return action; }
    public void setAction(String action) { this.action = action; }
    public String getOutcome() { return outcome; }
    public void setOutcome(String outcome) { this.outcome = outcome; }
    public String getCode() { return code; }
    public void setCode(String code) { this.code = code; }
    public String getActorUserId() { return actorUserId; }
    public void setActorUserId(String actorUserId) { this.actorUserId = actorUserId; }
    public String getActorUsername() { return actorUsername; }
    public void setActorUsername(String actorUsername) { this.actorUsername = actorUsername; }
    public String getClientId() { return clientId; }
    public void setClientId(String clientId) { this.clientId = clientId; }
    public String getSource() { return source; }
    public void setSource(String source) { this.source = source; }
    public String getIpAddress() { return ipAddress; }
    public void setIpAddress(String ipAddress) { this.ipAddress = ipAddress; }
    public String getUserAgent() { return userAgent; }
    public void setUserAgent(String userAgent) { this.userAgent = userAgent; }
    public String getDeviceId() { return deviceId; }
    public void setDeviceId(String deviceId) { this.deviceId = deviceId; }
    public String getDeviceName() { return deviceName; }
    public void setDeviceName(String deviceName) { this.deviceName = deviceName; }
    public String getKeyId() { return keyId; }
    public void setKeyId(String keyId) { this.keyId = keyId; }
    public String getTicketSystem() { return ticketSystem; }
    public void setTicketSystem(String ticketSystem) { this.ticketSystem = ticketSystem; }
    public String getTicketKey() { return ticketKey; }
    public void setTicketKey(String ticketKey) { this.ticketKey = ticketKey; }
    public String getTicketUrl() { return ticketUrl; }
    public void setTicketUrl(String ticketUrl) { this.ticketUrl = ticketUrl; }
    public String getTicketStatus() { return ticketStatus; }
    public void setTicketStatus(String ticketStatus) { this.ticketStatus = ticketStatus; }
    public String getTicketType() { return ticketType; }
    public void setTicketType(String ticketType) { this.ticketType = ticketType; }
    public String getApprovalRequestId() { return approvalRequestId; }
    public void setApprovalRequestId(String approvalRequestId) { this.approvalRequestId = approvalRequestId; }
    public String getApproverUserId() { return approverUserId; }
    public void setApproverUserId(String approverUserId) { this.approverUserId = approverUserId; }
    public String getApproverUsername() { return approverUsername; }
    public void setApproverUsername(String approverUsername) { this.approverUsername = approverUsername; }
    public String getTicketId() { return ticketId; }
    public void setTicketId(String ticketId) { this.ticketId = ticketId; }
    public String getReason() { return reason; }
    public void setReason(String reason) { this.reason = reason; }
    public String getAcr() { return acr; }
    public void setAcr(String acr) { this.acr = acr; }
    public String getCampaignId() { return campaignId; }
    public void setCampaignId(String campaignId) { this.campaignId = campaignId; }
    public Boolean getKeyPackage() { return keyPackage; }
    public void setKeyPackage(Boolean keyPackage) { this.keyPackage = keyPackage; }
    public String getPrevHash() { return prevHash; }
    public void setPrevHash(String prevHash) { this.prevHash = prevHash; }
    public String getHash() { return hash; }
    public void setHash(String hash) { this.hash = hash; }
}
