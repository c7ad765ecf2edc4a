package io.keygate.bitlocker.notification;

import io.keygate.bitlocker.config.BitLockerConfig;
import io.keygate.bitlocker.model.Campaign;
import io.keygate.bitlocker.model.OutboxProvider;
import io.keygate.bitlocker.model.QueuedNotification;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * The e-mail of a new campaign (SPEC §14), queued with its creation: the approvers (as for release requests) hear
 * who asks, under which ticket, for how many devices and why, with a link to the campaign — never a key. The
 * message's device is the campaign: its ID, and its number of devices as the name.
 */
public final class CampaignNotifications {

    private CampaignNotifications() {
    }

    public static void requested(KeycloakSession session, RealmModel realm, BitLockerConfig.Notifications settings,
            Campaign campaign, String auditId, String link) {
        OutboxProvider outbox = session.getProvider(OutboxProvider.class);
        for (String userId : RequestNotifications.approvers(session, realm, campaign.requesterId())) {
            outbox.queue(realm, notification(userId, null, campaign, auditId, link));
        }
        for (String address : Mailer.distinctAddresses(settings.approverEmails)) {
            outbox.queue(realm, notification(null, address, campaign, auditId, link));
        }
    }

    private static QueuedNotification notification(String userId, String address, Campaign c, String auditId,
            String link) {
        return new QueuedNotification(NotificationKind.CAMPAIGN_REQUESTED.name(), userId, address, auditId, c.id(),
                Integer.toString(c.devices()), null, c.requesterUsername(), c.ticket().system(), c.ticket().key(),
                c.ticket().url(), c.reason(), Time.currentTimeMillis(), link);
    }
}
