package io.keygate.bitlocker.model;

/**
 * An e-mail to queue for one recipient (a Keycloak user or a bare address). Never the key.
 * {@code link}: what the recipient opens (a release request in the console), built while the request is
 * served, on Keycloak's configured hostname; {@code null} where none is configured.
 */
public record QueuedNotification(String kind, String recipientUserId, String recipientEmail, String auditId,
        String deviceId, String deviceName, String keyId, String actorUsername, String ticketSystem, String ticketKey,
        String ticketUrl, String reason, long eventAt, String link) {

    /** Without a link (the e-mails that point at nothing to open). */
    public QueuedNotification(String kind, String recipientUserId, String recipientEmail, String auditId, String deviceId,
            String deviceName, String keyId, String actorUsername, String ticketSystem, String ticketKey, String ticketUrl,
            String reason, long eventAt) {
        this(kind, recipientUserId, recipientEmail, auditId, deviceId, deviceName, keyId, actorUsername, ticketSystem,
                ticketKey, ticketUrl, reason, eventAt, null);
    }
}
