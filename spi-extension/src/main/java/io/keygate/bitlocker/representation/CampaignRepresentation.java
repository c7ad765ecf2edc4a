package io.keygate.bitlocker.representation;

/** SPEC §14 {@code Campaign}. */
public record CampaignRepresentation(String campaignId, TicketRepresentation ticket, String reason, String status,
        ActorRepresentation requester, ActorRepresentation decidedBy, String createdAt, String expiresAt, int devices,
        long revealed, long rotated) {
}
