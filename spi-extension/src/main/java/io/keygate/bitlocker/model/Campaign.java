package io.keygate.bitlocker.model;

/**
 * A campaign (SPEC §14): one open major-incident ticket, a list of devices and a second person's approval, under
 * which technicians release the keys of those devices. A snapshot as stored; its status changes only through
 * {@link CampaignProvider#transition}, which is atomic.
 *
 * @param expiresAt a PENDING campaign's end of waiting for approval; an ACTIVE one's end of releasing
 * @param devices   how many devices it lists (fixed at creation)
 * @param revealed  distinct devices with a release under it (ROTATED ones included)
 * @param rotated   those of them whose rotation has since completed
 * @param ticketCheckedAt when its ticket was last checked live (the release path checks again once a minute)
 */
public record Campaign(String id, String realmId, ReleaseRequest.TicketRef ticket, String reason, CampaignStatus status,
        String requesterId, String requesterUsername, String decidedById, String decidedByUsername, Long decidedAt,
        String closeReason, long createdAt, long expiresAt, int devices, long revealed, long rotated, long ticketCheckedAt) {

    /** ACTIVE and not past its end at {@code now} (the expiry task may not have run yet). */
    public boolean isActiveAt(long now) {
        return status == CampaignStatus.ACTIVE && now <= expiresAt;
    }

    /** A decision, a closing or an expiry: the new status and who, when, why, and the new end of life where it changes. */
    public record Transition(CampaignStatus to, String byId, String byUsername, long at, String reason, Long expiresAt) {
    }
}
