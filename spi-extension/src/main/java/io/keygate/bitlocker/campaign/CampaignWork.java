package io.keygate.bitlocker.campaign;

import java.util.UUID;

import io.keygate.bitlocker.audit.AuditActor;
import io.keygate.bitlocker.config.BitLockerConfig;
import io.keygate.bitlocker.config.RealmConfigStore;
import io.keygate.bitlocker.json.Json;
import io.keygate.bitlocker.model.Campaign;
import io.keygate.bitlocker.model.CampaignDevice;
import io.keygate.bitlocker.model.CampaignProvider;
import io.keygate.bitlocker.model.CampaignStatus;
import io.keygate.bitlocker.model.OutboxProvider;
import io.keygate.bitlocker.model.QueuedAnnotation;
import io.keygate.bitlocker.model.Transactions;
import io.keygate.bitlocker.problem.ProblemException;
import io.keygate.bitlocker.scheduling.BackgroundWorkProviderFactory;
import io.keygate.bitlocker.scheduling.TaskScheduler;
import io.keygate.bitlocker.ticketing.CampaignSummary;
import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.timer.ScheduledTask;

/**
 * Campaigns' own time, on one node of the cluster at a time, every {@code campaign-check-seconds} (60): a campaign
 * past its end EXPIRES (PENDING: not approved in time; ACTIVE: its hours are up); an ACTIVE one whose ticket is no
 * longer an open major incident is CLOSED (the same once-a-minute check as the release path's); and a campaign with
 * releases since its last ticket comment gets one summary comment at most once an hour, through the ticket outbox.
 */
public class CampaignWork extends BackgroundWorkProviderFactory {

    static final String TASK_NAME = "bitlocker-campaigns";
    /**
     * How often a campaign's ticket is checked live at most ({@code campaign-ticket-check-seconds}, SPEC: once a
     * minute) and commented on at most ({@code campaign-comment-seconds}, SPEC: once an hour). An operator may make
     * either more frequent, never less (tests shorten them so as not to wait an hour).
     */
    private static volatile long ticketCheckMillis = 60_000L;
    private static volatile long commentEveryMillis = 3_600_000L;
    /** Device names a summary comment lists; it counts them all. */
    static final int NAMES_PER_COMMENT = 50;
    private static final int BATCH = 500;
    private static final Logger LOG = Logger.getLogger(CampaignWork.class);

    @Override
    protected void start(TaskScheduler scheduler, Config.Scope options) {
        KeycloakSessionFactory factory = scheduler.factory();
        ticketCheckMillis = Math.min(60_000L, seconds(options, "campaign-ticket-check-seconds", 60L));
        commentEveryMillis = Math.min(3_600_000L, seconds(options, "campaign-comment-seconds", 3600L));
        scheduler.clusterWide(new ScheduledTask() {
            @Override
            public void run(KeycloakSession session) {
                CampaignProvider store = session.getProvider(CampaignProvider.class);
                for (Campaign open : store.getOpen(BATCH)) {
                    attend(factory, open);
                }
                for (Campaign ended : store.getUncommented(BATCH)) {
                    each(factory, ended, (s, realm) -> comment(s, realm, ended));
                }
            }

            @Override
            public String getTaskName() {
                return TASK_NAME;
            }
        }, seconds(options, "campaign-check-seconds", 60L));
    }

    private static void attend(KeycloakSessionFactory factory, Campaign c) {
        long now = Time.currentTimeMillis();
        if (now > c.expiresAt()) {
            String reason = c.status() == CampaignStatus.PENDING ? "expired: not approved in time"
                    : "expired: its time ran out";
            each(factory, c, (s, realm) -> CampaignEvents.end(s, realm, c, CampaignStatus.EXPIRED, AuditActor.system(), reason));
        } else if (c.status() == CampaignStatus.ACTIVE) {
            checkTicket(factory, c);
        }
        if (c.status() == CampaignStatus.ACTIVE) {
            each(factory, c, (s, realm) -> comment(s, realm, c));
        }
    }

    /** The release path's check (at most once a minute per campaign, failing closed), run when no release runs it. */
    private static void checkTicket(KeycloakSessionFactory factory, Campaign c) {
        each(factory, c, (s, realm) -> {
            BitLockerConfig config = new RealmConfigStore(s, realm).loadCurrent();
            try {
                new CampaignGate(s, realm, config).admitTicket(c, Time.currentTimeMillis());
            } catch (ProblemException e) {
                LOG.debugf("Campaign %s: %s", c.id(), e.problem().detail());
            }
            return null;
        });
    }

    /** At most one summary an hour per campaign across the cluster (claimed by a conditional update), never a key. */
    private static Object comment(KeycloakSession session, RealmModel realm, Campaign c) {
        BitLockerConfig config = new RealmConfigStore(session, realm).loadCurrent();
        if (!config.ticketing.annotate) {
            return null;
        }
        long now = Time.currentTimeMillis();
        CampaignProvider store = session.getProvider(CampaignProvider.class);
        CampaignProvider.CommentClaim claim = store.claimComment(realm, c.id(), now - commentEveryMillis, now,
                NAMES_PER_COMMENT);
        if (claim == null) {
            return null;
        }
        // Progress is counted only for a comment about to be queued, not on every run of every active campaign.
        Campaign current = store.get(realm, c.id());
        String summaryId = UUID.randomUUID().toString();
        CampaignSummary summary = new CampaignSummary(c.id(), summaryId, claim.since(), now, claim.released(),
                claim.newest().stream().map(CampaignDevice::deviceName).toList(), current.revealed(), current.rotated(),
                current.devices());
        try {
            session.getProvider(OutboxProvider.class).queue(realm, QueuedAnnotation.campaignSummary(summaryId, c.ticket(),
                    c.id(), Json.MAPPER.writeValueAsString(summary), now));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("campaign summary not serialisable", e);
        }
        return null;
    }

    /** How long a live check of a campaign's ticket holds for the releases after it. */
    static long ticketCheckMillis() {
        return ticketCheckMillis;
    }

    private static void each(KeycloakSessionFactory factory, Campaign c,
            java.util.function.BiFunction<KeycloakSession, RealmModel, Object> work) {
        try {
            Transactions.inRealm(factory, c.realmId(), work);
        } catch (RuntimeException e) {
            LOG.warnf("Campaign %s could not be attended to: %s", c.id(), e.toString());
        }
    }

    @Override
    public String getId() {
        return "campaigns";
    }
}
