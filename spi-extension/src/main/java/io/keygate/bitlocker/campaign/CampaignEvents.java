package io.keygate.bitlocker.campaign;

import io.keygate.bitlocker.audit.AuditActor;
import io.keygate.bitlocker.audit.AuditEvent;
import io.keygate.bitlocker.audit.AuditLog;
import io.keygate.bitlocker.metrics.BitLockerMetrics;
import io.keygate.bitlocker.model.AuditAction;
import io.keygate.bitlocker.model.AuditOutcome;
import io.keygate.bitlocker.model.Campaign;
import io.keygate.bitlocker.model.CampaignProvider;
import io.keygate.bitlocker.model.CampaignStatus;
import io.keygate.bitlocker.model.RealmLock;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * A campaign's audit entries (SPEC §5: the campaign and its ticket), and its ending: closed by a person, by its
 * ticket closing, or expired — one conditional update under the realm's lock, audited {@code CAMPAIGN_CLOSED} with
 * the reason.
 */
public final class CampaignEvents {

    private CampaignEvents() {
    }

    static AuditEvent of(AuditActor actor, AuditAction action, Campaign c) {
        return actor.event(action, AuditOutcome.SUCCESS).campaign(c.id()).ticket(c.ticket());
    }

    /**
     * Ends an open campaign: {@code to} is CLOSED or EXPIRED. {@code false} when it had ended already (another
     * node, another person or the expiry got there first): then nothing is written.
     */
    public static boolean end(KeycloakSession session, RealmModel realm, Campaign c, CampaignStatus to, AuditActor actor,
            String reason) {
        if (!c.status().isOpen()) {
            return false;
        }
        // The realm's lock first, as a release batch takes it before it reads the campaign: an ending waits for the
        // batch under way, and the next batch reads it ended. No release under the campaign follows its end.
        RealmLock.hold(session, realm);
        if (!session.getProvider(CampaignProvider.class).transition(realm, c.id(), c.status(),
                new Campaign.Transition(to, actor.userId(), actor.username(), Time.currentTimeMillis(), reason, null))) {
            return false;
        }
        new AuditLog(session, realm).append(of(actor, AuditAction.CAMPAIGN_CLOSED, c).reason(reason));
        BitLockerMetrics.campaign(to.name());
        return true;
    }
}
