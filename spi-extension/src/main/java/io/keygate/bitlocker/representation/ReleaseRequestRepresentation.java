package io.keygate.bitlocker.representation;

import com.fasterxml.jackson.annotation.JsonInclude;

/** SPEC §11 {@code ReleaseRequest}. */
public record ReleaseRequestRepresentation(String requestId, String deviceId, String deviceName, String keyId,
        ActorRepresentation requester, TicketRepresentation ticket, String reason, boolean breakGlass, String status,
        String createdAt, String expiresAt, ActorRepresentation decidedBy,
        @JsonInclude(JsonInclude.Include.NON_NULL) String decidedAt,
        @JsonInclude(JsonInclude.Include.NON_NULL) String decisionReason) {
}
