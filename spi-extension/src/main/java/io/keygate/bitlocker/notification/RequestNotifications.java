package io.keygate.bitlocker.notification;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.keygate.bitlocker.authz.BitLockerRole;
import io.keygate.bitlocker.config.BitLockerConfig;
import io.keygate.bitlocker.model.OutboxProvider;
import io.keygate.bitlocker.model.QueuedNotification;
import io.keygate.bitlocker.model.ReleaseRequest;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;

/**
 * The e-mails of dual control (SPEC §11), queued with the transition that causes them: the approvers
 * hear of a new request (users holding {@code bitlocker-approver} or {@code bitlocker-admin} with an
 * address, but not the requester, and {@code notifications.approverEmails}), the requester of its
 * decision. Device, requester, ticket with its link, reason and a link to the request — never a key.
 */
public final class RequestNotifications {

    private RequestNotifications() {
    }

    public static void requested(KeycloakSession session, RealmModel realm, BitLockerConfig.Notifications settings,
            ReleaseRequest request, String auditId, String link) {
        OutboxProvider outbox = session.getProvider(OutboxProvider.class);
        for (String userId : approvers(session, realm, request.requesterId())) {
            outbox.queue(realm, notification(NotificationKind.RELEASE_REQUESTED, userId, null, request, auditId,
                    request.requesterUsername(), request.reason(), link));
        }
        for (String address : Mailer.distinctAddresses(settings.approverEmails)) {
            outbox.queue(realm, notification(NotificationKind.RELEASE_REQUESTED, null, address, request, auditId,
                    request.requesterUsername(), request.reason(), link));
        }
    }

    /** The users who may approve (approvers and admins with an address), but not {@code requesterId}. */
    static Set<String> approvers(KeycloakSession session, RealmModel realm, String requesterId) {
        Set<String> users = new LinkedHashSet<>();
        for (BitLockerRole role : List.of(BitLockerRole.APPROVER, BitLockerRole.ADMIN)) {
            RoleModel model = realm.getRole(role.roleName());
            if (model != null) {
                session.users().getRoleMembersStream(realm, model)
                        .filter(u -> u.isEnabled() && u.getEmail() != null && !u.getEmail().isBlank())
                        .map(UserModel::getId).filter(id -> !id.equals(requesterId)).forEach(users::add);
            }
        }
        return users;
    }

    /** The requester hears that {@code decider} approved or rejected their request, and why. */
    public static void decided(KeycloakSession session, RealmModel realm, ReleaseRequest request, boolean approved,
            String decider, String decisionReason, String auditId, String link) {
        session.getProvider(OutboxProvider.class).queue(realm, notification(
                approved ? NotificationKind.RELEASE_APPROVED : NotificationKind.RELEASE_REJECTED, request.requesterId(),
                null, request, auditId, decider, decisionReason, link));
    }

    private static QueuedNotification notification(NotificationKind kind, String userId, String address,
            ReleaseRequest r, String auditId, String actor, String reason, String link) {
        ReleaseRequest.TicketRef t = r.ticket();
        return new QueuedNotification(kind.name(), userId, address, auditId, r.deviceId(), r.deviceName(), r.keyId(),
                actor, t == null ? null : t.system(), t == null ? null : t.key(), t == null ? null : t.url(), reason,
                org.keycloak.common.util.Time.currentTimeMillis(), link);
    }
}
