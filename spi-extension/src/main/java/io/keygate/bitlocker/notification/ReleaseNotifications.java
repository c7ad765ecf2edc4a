package io.keygate.bitlocker.notification;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.keygate.bitlocker.config.BitLockerConfig;
import io.keygate.bitlocker.model.DeviceOwner;
import io.keygate.bitlocker.model.OutboxProvider;
import io.keygate.bitlocker.model.QueuedNotification;
import io.keygate.bitlocker.ticketing.Ticket;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * Who hears of a key release, queued in the release's own transaction (SPEC §3 "after success"):
 * the device owner when the caller is someone else ({@code notifications.notifyOwner}) — their
 * Keycloak account, or the address the agent reported for an owner without one — and every
 * address of {@code notifications.auditorEmails} when it was a break-glass release.
 */
public final class ReleaseNotifications {

    /** What the e-mails say about a release. Never the key. */
    public record Release(String auditId, String deviceId, String deviceName, DeviceOwner owner, String keyId,
            String actorUserId, String actorUsername, Ticket ticket, boolean breakGlass, String reason, long at) {
    }

    private ReleaseNotifications() {
    }

    public static void queue(KeycloakSession session, RealmModel realm, BitLockerConfig.Notifications settings,
            Release release) {
        OutboxProvider outbox = session.getProvider(OutboxProvider.class);
        plan(settings, release).forEach(n -> outbox.queue(realm, n));
    }

    /** The notifications a release calls for, one per recipient, due now. */
    static List<QueuedNotification> plan(BitLockerConfig.Notifications settings, Release release) {
        List<QueuedNotification> out = new ArrayList<>();
        DeviceOwner owner = release.owner();
        if (settings.notifyOwner && owner != null && owner.isRealmUser() && !owner.userId().equals(release.actorUserId())) {
            out.add(notification(NotificationKind.OWNER_KEY_RELEASED, owner.userId(), null, release));
        } else if (settings.notifyOwner && owner != null && !owner.isRealmUser() && owner.email() != null) {
            out.add(notification(NotificationKind.OWNER_KEY_RELEASED, null,
                    owner.email().strip().toLowerCase(Locale.ROOT), release));
        }
        if (release.breakGlass()) {
            for (String address : Mailer.distinctAddresses(settings.auditorEmails)) {
                out.add(notification(NotificationKind.BREAK_GLASS, null, address, release));
            }
        }
        return out;
    }

    private static QueuedNotification notification(NotificationKind kind, String userId, String address, Release r) {
        Ticket t = r.ticket();
        return new QueuedNotification(kind.name(), userId, address, r.auditId(), r.deviceId(), r.deviceName(), r.keyId(),
                r.actorUsername(), t == null ? null : t.system(), t == null ? null : t.key(), t == null ? null : t.url(),
                r.reason(), r.at());
    }
}
