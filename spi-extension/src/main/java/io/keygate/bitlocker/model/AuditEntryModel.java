package io.keygate.bitlocker.model;

/**
 * One entry of a realm's append-only audit log, as stored. There is deliberately no member that
 * could carry key material.
 */
public interface AuditEntryModel {

    String getId();

    String getRealmId();

    /** The position in the realm's hash chain, from 1. */
    long getSeq();

    long getTime();

    String getAction();

    String getOutcome();

    String getCode();

    String getActorUserId();

    String getActorUsername();

    String getClientId();

    String getSource();

    String getIpAddress();

    String getUserAgent();

    String getDeviceId();

    String getDeviceName();

    String getKeyId();

    String getTicketSystem();

    String getTicketKey();

    String getTicketUrl();

    String getTicketStatus();

    String getTicketType();

    /** The ticket's canonical identity; {@code null} in entries written before it was recorded. */
    String getTicketId();

    String getReason();

    String getAcr();

    /** The approved release request (SPEC §11) a release used; {@code null} otherwise. */
    default String getApprovalRequestId() {
        return null;
    }

    default String getApproverUserId() {
        return null;
    }

    default String getApproverUsername() {
        return null;
    }

    String getPrevHash();

    String getHash();
}
