package io.keygate.bitlocker.audit;

import io.keygate.bitlocker.model.AuditAction;
import io.keygate.bitlocker.model.AuditEntry;
import io.keygate.bitlocker.model.AuditEntry.Approval;
import io.keygate.bitlocker.model.AuditOutcome;
import io.keygate.bitlocker.model.AuditSource;
import io.keygate.bitlocker.model.ChainHead;
import io.keygate.bitlocker.model.ReleaseRequest.TicketRef;

/**
 * What is about to be audited. Built by the caller, turned into a chained row by {@link AuditLog}.
 * There is deliberately no field that could carry key material.
 */
public final class AuditEvent {

    final AuditAction action;
    final AuditOutcome outcome;
    AuditSource source;
    String code;
    String actorUserId;
    String actorUsername;
    String clientId;
    String ipAddress;
    String userAgent;
    String deviceId;
    String deviceName;
    String keyId;
    TicketRef ticket;
    String reason;
    String acr;
    String approvalRequestId;
    String approverUserId;
    String approverUsername;
    Boolean keyPackage;
    String campaignId;

    private AuditEvent(AuditAction action, AuditOutcome outcome, AuditSource source) {
        this.action = action;
        this.outcome = outcome;
        this.source = source;
    }

    public static AuditEvent of(AuditAction action, AuditOutcome outcome, AuditSource source) {
        return new AuditEvent(action, outcome, source);
    }

    public AuditEvent source(AuditSource source) {
        this.source = source;
        return this;
    }

    public AuditEvent code(String code) {
        this.code = code;
        return this;
    }

    public AuditEvent actor(String userId, String username) {
        this.actorUserId = userId;
        this.actorUsername = username;
        return this;
    }

    public AuditEvent client(String clientId, String ipAddress, String userAgent) {
        this.clientId = clientId;
        this.ipAddress = ipAddress;
        this.userAgent = userAgent == null || userAgent.length() <= 512 ? userAgent : userAgent.substring(0, 512);
        return this;
    }

    public AuditEvent device(String deviceId, String deviceName) {
        this.deviceId = deviceId;
        this.deviceName = deviceName;
        return this;
    }

    public AuditEvent keyId(String keyId) {
        this.keyId = keyId;
        return this;
    }

    /** The ticket, with its canonical identity when known (what the reuse limit counts). */
    public AuditEvent ticket(TicketRef ticket) {
        this.ticket = ticket;
        return this;
    }

    public AuditEvent reason(String reason) {
        this.reason = reason == null || reason.length() <= 2048 ? reason : reason.substring(0, 2048);
        return this;
    }

    /** The approved release request a release used, and who approved it (SPEC §11). */
    public AuditEvent approval(String requestId, String approverUserId, String approverUsername) {
        this.approvalRequestId = requestId;
        this.approverUserId = approverUserId;
        this.approverUsername = approverUsername;
        return this;
    }

    /** The release asked for the key package too (SPEC §3); recorded only when it did. */
    public AuditEvent keyPackage(boolean asked) {
        this.keyPackage = asked ? Boolean.TRUE : null;
        return this;
    }

    /** The campaign (SPEC §14) a release was made under, or that the entry is about. */
    public AuditEvent campaign(String campaignId) {
        this.campaignId = campaignId;
        return this;
    }

    public AuditEvent acr(String acr) {
        this.acr = acr;
        return this;
    }

    /** The entry this event becomes at chain position {@code head.seq() + 1}, not yet sealed with its hash. */
    AuditEntry placed(String id, String realmId, ChainHead head, long now) {
        Approval approval = approvalRequestId == null && approverUserId == null && approverUsername == null ? null
                : new Approval(approvalRequestId, approverUserId, approverUsername);
        return new AuditEntry(id, realmId, head.seq() + 1, now, action, outcome, code,
                new AuditEntry.Actor(actorUserId, actorUsername, clientId, ipAddress, userAgent), source, deviceId,
                deviceName, keyId, ticket, reason, acr, approval, keyPackage, campaignId, head.hash(), null);
    }

    public AuditAction action() {
        return action;
    }

    public AuditSource source() {
        return source;
    }
}
