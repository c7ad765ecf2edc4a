package io.keygate.bitlocker.audit;

import io.keygate.bitlocker.model.AuditEntryModel;

/** Test fixture: an audit entry whose every field can be set, the way a database-level attacker could. */
final class TestEntry implements AuditEntryModel {

    private String id;
    private String realmId;
    private long seq;
    private long time;
    private String action;
    private String outcome;
    private String code;
    private String actorUserId;
    private String actorUsername;
    private String clientId;
    private String source;
    private String ipAddress;
    private String userAgent;
    private String deviceId;
    private String deviceName;
    private String keyId;
    private String ticketSystem;
    private String ticketKey;
    private String ticketUrl;
    private String ticketStatus;
    private String ticketType;
    private String ticketId;
    private String reason;
    private String acr;
    private String prevHash;
    private String hash;

    @Override
    public String getId() {
        return id;
    }

    void setId(String value) {
        this.id = value;
    }

    @Override
    public String getRealmId() {
        return realmId;
    }

    void setRealmId(String value) {
        this.realmId = value;
    }

    @Override
    public long getSeq() {
        return seq;
    }

    void setSeq(long value) {
        this.seq = value;
    }

    @Override
    public long getTime() {
        return time;
    }

    void setTime(long value) {
        this.time = value;
    }

    @Override
    public String getAction() {
        return action;
    }

    void setAction(String value) {
        this.action = value;
    }

    @Override
    public String getOutcome() {
        return outcome;
    }

    void setOutcome(String value) {
        this.outcome = value;
    }

    @Override
    public String getCode() {
        return code;
    }

    void setCode(String value) {
        this.code = value;
    }

    @Override
    public String getActorUserId() {
        return actorUserId;
    }

    void setActorUserId(String value) {
        this.actorUserId = value;
    }

    @Override
    public String getActorUsername() {
        return actorUsername;
    }

    void setActorUsername(String value) {
        this.actorUsername = value;
    }

    @Override
    public String getClientId() {
        return clientId;
    }

    void setClientId(String value) {
        this.clientId = value;
    }

    @Override
    public String getSource() {
        return source;
    }

    void setSource(String value) {
        this.source = value;
    }

    @Override
    public String getIpAddress() {
        return ipAddress;
    }

    void setIpAddress(String value) {
        this.ipAddress = value;
    }

    @Override
    public String getUserAgent() {
        return userAgent;
    }

    void setUserAgent(String value) {
        this.userAgent = value;
    }

    @Override
    public String getDeviceId() {
        return deviceId;
    }

    void setDeviceId(String value) {
        this.deviceId = value;
    }

    @Override
    public String getDeviceName() {
        return deviceName;
    }

    void setDeviceName(String value) {
        this.deviceName = value;
    }

    @Override
    public String getKeyId() {
        return keyId;
    }

    void setKeyId(String value) {
        this.keyId = value;
    }

    @Override
    public String getTicketSystem() {
        return ticketSystem;
    }

    void setTicketSystem(String value) {
        this.ticketSystem = value;
    }

    @Override
    public String getTicketKey() {
        return ticketKey;
    }

    void setTicketKey(String value) {
        this.ticketKey = value;
    }

    @Override
    public String getTicketUrl() {
        return ticketUrl;
    }

    void setTicketUrl(String value) {
        this.ticketUrl = value;
    }

    @Override
    public String getTicketStatus() {
        return ticketStatus;
    }

    void setTicketStatus(String value) {
        this.ticketStatus = value;
    }

    @Override
    public String getTicketType() {
        return ticketType;
    }

    void setTicketType(String value) {
        this.ticketType = value;
    }

    @Override
    public String getTicketId() {
        return ticketId;
    }

    void setTicketId(String value) {
        this.ticketId = value;
    }

    @Override
    public String getReason() {
        return reason;
    }

    void setReason(String value) {
        this.reason = value;
    }

    @Override
    public String getAcr() {
        return acr;
    }

    void setAcr(String value) {
        this.acr = value;
    }

    @Override
    public String getPrevHash() {
        return prevHash;
    }

    void setPrevHash(String value) {
        this.prevHash = value;
    }

    @Override
    public String getHash() {
        return hash;
    }

    void setHash(String value) {
        this.hash = value;
    }
}
