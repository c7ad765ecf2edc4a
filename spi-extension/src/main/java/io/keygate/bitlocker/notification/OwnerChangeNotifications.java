package io.keygate.bitlocker.notification;

import java.util.Locale;

import io.keygate.bitlocker.config.RealmConfigStore;
import io.keygate.bitlocker.model.DeviceModel;
import io.keygate.bitlocker.model.DeviceOwner;
import io.keygate.bitlocker.model.OutboxProvider;
import io.keygate.bitlocker.model.QueuedNotification;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * The previous owner of a device hears when an agent reports someone else as its owner: that is how
 * a device taken over with an extracted agent secret comes to light. Queued with the check-in.
 */
public final class OwnerChangeNotifications {

    private OwnerChangeNotifications() {
    }

    /** Queues the e-mail to {@code previous} (when notifications to owners are on and they can be reached). */
    public static void queue(KeycloakSession session, RealmModel realm, DeviceModel device, DeviceOwner previous,
            DeviceOwner next, String auditId, String actorUsername, long at) {
        if (previous == null || !new RealmConfigStore(session, realm).load().notifications.notifyOwner) {
            return;
        }
        String address = previous.isRealmUser() || previous.email() == null ? null
                : previous.email().strip().toLowerCase(Locale.ROOT);
        if (!previous.isRealmUser() && address == null) {
            return;
        }
        session.getProvider(OutboxProvider.class).queue(realm, new QueuedNotification(NotificationKind.OWNER_CHANGED.name(),
                previous.userId(), address, auditId, device.getId(), device.getName(), null, actorUsername, null, null,
                null, "new owner: " + (next == null || next.display() == null ? "none" : next.display()), at));
    }
}
