package io.keygate.bitlocker.campaign;

import java.util.List;

import io.keygate.bitlocker.audit.AuditActor;
import io.keygate.bitlocker.config.BitLockerConfig;
import io.keygate.bitlocker.justification.LiveTicketCheck;
import io.keygate.bitlocker.justification.TicketCheck;
import io.keygate.bitlocker.model.Campaign;
import io.keygate.bitlocker.model.CampaignProvider;
import io.keygate.bitlocker.model.CampaignStatus;
import io.keygate.bitlocker.model.DeviceModel;
import io.keygate.bitlocker.model.Guid;
import io.keygate.bitlocker.model.ReleaseRequest.TicketRef;
import io.keygate.bitlocker.model.Transactions;
import io.keygate.bitlocker.problem.Problem;
import io.keygate.bitlocker.problem.ProblemCode;
import io.keygate.bitlocker.problem.ProblemException;
import io.keygate.bitlocker.ticketing.Ticket;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * What a campaign puts in place of a release's ticket and approval (SPEC §3 steps 5 and 6, §14): the campaign
 * exists, is ACTIVE and lists the device, and its ticket is still open — checked live at most once a minute per
 * campaign across the cluster (one node claims the check; the others rely on it), failing closed. A ticket found
 * closed ends the campaign there and then.
 */
public final class CampaignGate {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final BitLockerConfig config;
    private final CampaignProvider store;

    public CampaignGate(KeycloakSession session, RealmModel realm, BitLockerConfig config) {
        this.session = session;
        this.realm = realm;
        this.config = config;
        this.store = session.getProvider(CampaignProvider.class);
    }

    /** Step 5: 404 {@code campaign_not_found}; where campaigns are off, 409 {@code campaign_closed} (none is active). */
    public Campaign find(String campaignId) {
        if (!config.campaigns.enabled) {
            throw Problem.of(ProblemCode.CAMPAIGN_CLOSED, "Campaigns are not enabled in this realm.").exception();
        }
        String id = Guid.normalize(campaignId);
        Campaign campaign = id == null ? null : store.get(realm, id);
        if (campaign == null) {
            throw Problem.of(ProblemCode.CAMPAIGN_NOT_FOUND, "No campaign " + campaignId + ".").exception();
        }
        return campaign;
    }

    /**
     * Step 6: 409 {@code campaign_closed} unless ACTIVE, then 403 {@code device_not_in_campaign}, then the ticket.
     *
     * @return the campaign's ticket, as last checked
     */
    public Ticket admit(Campaign campaign, DeviceModel device) {
        long now = Time.currentTimeMillis();
        requireActive(campaign, now);
        if (store.deviceState(realm, campaign.id(), device.getId()) == null) {
            throw Problem.of(ProblemCode.DEVICE_NOT_IN_CAMPAIGN, "Campaign " + campaign.id() + " does not list device "
                    + device.getId() + ".").exception();
        }
        return admitTicket(campaign, now);
    }

    /** 409 {@code campaign_closed} unless the campaign is ACTIVE and within its time. */
    public static void requireActive(Campaign campaign, long now) {
        if (campaign == null) {
            throw Problem.of(ProblemCode.CAMPAIGN_CLOSED, "The campaign no longer exists.").exception();
        }
        if (!campaign.isActiveAt(now)) {
            throw Campaigns.closed(campaign);
        }
    }

    /**
     * The campaign's ticket, checked live when no one has in the last minute: a ticket found closed ends the campaign
     * (409 {@code campaign_closed}); an unreachable ticketing system fails closed (503).
     */
    public Ticket admitTicket(Campaign campaign, long now) {
        if (campaign.ticketCheckedAt() >= now - CampaignWork.ticketCheckMillis() || !claimCheck(campaign, now)) {
            return asTicket(campaign.ticket());
        }
        try {
            return new LiveTicketCheck(session, realm, config).verifyCampaignTicket(campaign.ticket().key());
        } catch (TicketCheck.TicketDenied e) {
            String reason = "its ticket " + campaign.ticket().key() + " is no longer an open major incident ("
                    + e.problem().code().code() + ")";
            inOwnTransaction((s, r) -> CampaignEvents.end(s, r, campaign, CampaignStatus.CLOSED, AuditActor.system(), reason));
            throw Problem.of(ProblemCode.CAMPAIGN_CLOSED, "Campaign " + campaign.id() + " has ended: " + reason + ".")
                    .exception();
        } catch (ProblemException e) {
            // Not checked (the ticketing system is down): fail closed now, and let the next release check again.
            inOwnTransaction((s, r) -> {
                s.getProvider(CampaignProvider.class).releaseTicketCheck(r, campaign.id());
                return null;
            });
            throw e;
        }
    }

    /** Claimed and committed at once, so that every node sees the claim before it decides whether to check itself. */
    private boolean claimCheck(Campaign campaign, long now) {
        return Boolean.TRUE.equals(inOwnTransaction((s, r) -> s.getProvider(CampaignProvider.class)
                .claimTicketCheck(r, campaign.id(), now - CampaignWork.ticketCheckMillis(), now)));
    }

    private <T> T inOwnTransaction(java.util.function.BiFunction<KeycloakSession, RealmModel, T> work) {
        return Transactions.inRealm(session.getKeycloakSessionFactory(), realm.getId(), work);
    }

    /** The ticket as last checked (open then, or the campaign would have ended). */
    static Ticket asTicket(TicketRef t) {
        return new Ticket(t.system(), t.key(), t.id(), t.url(), t.status(), t.type(), true, List.of());
    }
}
