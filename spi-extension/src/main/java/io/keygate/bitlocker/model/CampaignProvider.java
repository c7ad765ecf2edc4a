package io.keygate.bitlocker.model;

import java.util.Collection;
import java.util.List;

import org.keycloak.models.RealmModel;
import org.keycloak.provider.Provider;

/**
 * A realm's campaigns (SPEC §14) and their devices. Transitions and device states change in one conditional
 * update each, so concurrent deciders, closers and releases agree on one outcome, on one node or several.
 */
public interface CampaignProvider extends Provider {

    /** Stores a new campaign (its {@code devices} as counted here) listing the realm's devices of those IDs. */
    void add(RealmModel realm, Campaign campaign, Collection<String> deviceIds);

    /** The realm's device IDs among {@code deviceIds} (lower-case GUIDs); the others are unknown to the realm. */
    List<String> existingDevices(RealmModel realm, Collection<String> deviceIds);

    /** The IDs of the realm's devices whose name starts with {@code namePrefix} (case-insensitive), at most {@code max}. */
    List<String> devicesNamed(RealmModel realm, String namePrefix, int max);

    /** As committed now, with its progress; {@code null} when the realm has no such campaign. */
    Campaign get(RealmModel realm, String id);

    /** Newest first, keyset-paged on (creation time, ID), plus one extra that tells whether a next page exists. */
    List<Campaign> search(RealmModel realm, CampaignStatus status, PageCursor after, int max);

    /** Moves the campaign from {@code from} to {@code transition.to()}; {@code false} when it was not in {@code from} any more. */
    boolean transition(RealmModel realm, String id, CampaignStatus from, Campaign.Transition transition);

    /** The device's state in the campaign; {@code null} when the campaign does not list it. */
    CampaignDeviceState deviceState(RealmModel realm, String campaignId, String deviceId);

    /** The campaign's devices in a state (all when {@code null}) matching {@code search}, by name, keyset-paged. */
    List<CampaignDevice> devices(RealmModel realm, String campaignId, CampaignDeviceState state, SearchTerm search,
            PageCursor after, int max);

    /**
     * A release of the device under the campaign: WAITING becomes REVEALED and the campaign counts it (a device counts
     * once). Under the realm's lock, as every write of a campaign's progress.
     */
    void markRevealed(RealmModel realm, String campaignId, String deviceId, long at);

    /**
     * The device's rotation completed: every campaign of the realm where it is REVEALED now has it ROTATED, and counts
     * it. Under the realm's lock, as every write of a campaign's progress.
     */
    void markRotated(RealmModel realm, String deviceId, long at);

    /**
     * Claims the campaign's ticket check: {@code true} for the one caller across the cluster that moves its last
     * check from before {@code checkedBefore} to {@code now}; everyone else relies on that check.
     */
    boolean claimTicketCheck(RealmModel realm, String campaignId, long checkedBefore, long now);

    /** Gives a claimed ticket check back (it could not be made), so the next release checks again. */
    void releaseTicketCheck(RealmModel realm, String campaignId);

    /**
     * Claims the campaign's ticket comment the same way: for the one caller that moves its last comment from before
     * {@code commentedBefore} to {@code now}, when devices were revealed since that comment.
     *
     * @return what the comment covers, or {@code null} when not claimed (nothing new, or commented too recently)
     */
    CommentClaim claimComment(RealmModel realm, String campaignId, long commentedBefore, long now, int maxNames);

    /**
     * A claimed comment's facts: devices revealed after {@code since} (the last comment, 0 for none), how many, and
     * the newest of them (at most the names asked for).
     */
    record CommentClaim(long since, long released, List<CampaignDevice> newest) {
    }

    /** Campaigns of any realm to look at now: PENDING or ACTIVE past their end, and every ACTIVE one. */
    List<Campaign> getOpen(int max);

    /** Closed campaigns of any realm with devices revealed since their last comment (their last summary is due). */
    List<Campaign> getUncommented(int max);

    /** Devices still WAITING, per ACTIVE campaign of the realm (the metrics gauge). */
    java.util.Map<String, Long> waitingByActiveCampaign(RealmModel realm);
}
