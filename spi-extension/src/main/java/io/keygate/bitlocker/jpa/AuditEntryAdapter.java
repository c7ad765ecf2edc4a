package io.keygate.bitlocker.jpa;

import io.keygate.bitlocker.jpa.entity.AuditEntryEntity;
import io.keygate.bitlocker.model.AuditEntryModel;

/** A stored audit entry, read-only: entries are never updated. */
final class AuditEntryAdapter implements AuditEntryModel {

    private final AuditEntryEntity entity;

    AuditEntryAdapter(AuditEntryEntity entity) {
        this.entity = entity;
    }

    /** A new row with every member of {@code entry}, in {@code realmId}. */
    static AuditEntryEntity toEntity(String realmId, AuditEntryModel entry) {
        AuditEntryEntity e = new AuditEntryEntity();
        e.setRealmId(realmId);
        e.setId(entry.getId());
        e.setSeq(entry.getSeq());
        e.setTime(entry.getTime());
        e.setAction(entry.getAction());
        e.setOutcome(entry.getOutcome());
        e.setCode(entry.getCode());
        e.setActorUserId(entry.getActorUserId());
        e.setActorUsername(entry.getActorUsername());
        e.setClientId(entry.getClientId());
        e.setSource(entry.getSource());
        e.setIpAddress(entry.getIpAddress());
        e.setUserAgent(entry.getUserAgent());
        e.setDeviceId(entry.getDeviceId());
        e.setDeviceName(entry.getDeviceName());
        e.setKeyId(entry.getKeyId());
        e.setTicketSystem(entry.getTicketSystem());
        e.setTicketKey(entry.getTicketKey());
        e.setTicketUrl(entry.getTicketUrl());
        e.setTicketStatus(entry.getTicketStatus());
        e.setTicketType(entry.getTicketType());
        e.setTicketId(entry.getTicketId());
        e.setReason(entry.getReason());
        e.setApprovalRequestId(entry.getApprovalRequestId());
        e.setApproverUserId(entry.getApproverUserId());
        e.setApproverUsername(entry.getApproverUsername());
        e.setAcr(entry.getAcr());
        e.setPrevHash(entry.getPrevHash());
        e.setHash(entry.getHash());
        return e;
    }

    @Override
    public String getId() {
        return entity.getId();
    }

    @Override
    public String getRealmId() {
        return entity.getRealmId();
    }

    @Override
    public long getSeq() {
        return entity.getSeq();
    }

    @Override
    public long getTime() {
        return entity.getTime();
    }

    @Override
    public String getAction() {
        return entity.getAction();
    }

    @Override
    public String getOutcome() {
        return entity.getOutcome();
    }

    @Override
    public String getCode() {
        return entity.getCode();
    }

    @Override
    public String getActorUserId() {
        return entity.getActorUserId();
    }

    @Override
    public String getActorUsername() {
        return entity.getActorUsername();
    }

    @Override
    public String getClientId() {
        return entity.getClientId();
    }

    @Override
    public String getSource() {
        return entity.getSource();
    }

    @Override
    public String getIpAddress() {
        return entity.getIpAddress();
    }

    @Override
    public String getUserAgent() {
        return entity.getUserAgent();
    }

    @Override
    public String getDeviceId() {
        return entity.getDeviceId();
    }

    @Override
    public String getDeviceName() {
        return entity.getDeviceName();
    }

    @Override
    public String getKeyId() {
        return entity.getKeyId();
    }

    @Override
    public String getTicketSystem() {
        return entity.getTicketSystem();
    }

    @Override
    public String getTicketKey() {
        return entity.getTicketKey();
    }

    @Override
    public String getTicketUrl() {
        return entity.getTicketUrl();
    }

    @Override
    public String getTicketStatus() {
        return entity.getTicketStatus();
    }

    @Override
    public String getTicketType() {
        return entity.getTicketType();
    }

    @Override
    public String getApprovalRequestId() {
        return entity.getApprovalRequestId();
    }

    @Override
    public String getApproverUserId() {
        return entity.getApproverUserId();
    }

    @Override
    public String getApproverUsername() {
        return entity.getApproverUsername();
    }

    @Override
    public String getTicketId() {
        return entity.getTicketId();
    }

    @Override
    public String getReason() {
        return entity.getReason();
    }

    @Override
    public String getAcr() {
        return entity.getAcr();
    }

    @Override
    public String getPrevHash() {
        return entity.getPrevHash();
    }

    @Override
    public String getHash() {
        return entity.getHash();
    }
}
