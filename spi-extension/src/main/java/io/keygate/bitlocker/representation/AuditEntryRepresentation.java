package io.keygate.bitlocker.representation;

import com.fasterxml.jackson.annotation.JsonInclude;

/** SPEC §5 {@code AuditEntry}. */
public record AuditEntryRepresentation(String id, String time, String action, String outcome,
        @JsonInclude(JsonInclude.Include.NON_NULL) String code,
        ActorRepresentation actor, String clientId, String source, String ipAddress, String userAgent,
        @JsonInclude(JsonInclude.Include.NON_NULL) String deviceId,
        @JsonInclude(JsonInclude.Include.NON_NULL) String deviceName,
        @JsonInclude(JsonInclude.Include.NON_NULL) String keyId,
        TicketRepresentation ticket,
        @JsonInclude(JsonInclude.Include.NON_NULL) String reason,
        @JsonInclude(JsonInclude.Include.NON_NULL) String acr,
        ApprovalRepresentation approval,
        @JsonInclude(JsonInclude.Include.NON_NULL) String campaignId,
        @JsonInclude(JsonInclude.Include.NON_NULL) Boolean keyPackage,
        String prevHash, String hash) {

    /** The approved release request a release used: {@code {"requestId","approver":{"userId","username"}}}. */
    public record ApprovalRepresentation(String requestId, ActorRepresentation approver) {
    }
}
