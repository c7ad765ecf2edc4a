package io.keygate.bitlocker.model;

/** An e-mail to queue for one recipient (a Keycloak user or a bare address). Never the key. */
public record QueuedNotification(String kind, String recipientUserId, String recipientEmail, String auditId,
        String deviceId, String deviceName, String keyId, String actorUsername, String ticketSystem, String ticketKey,
        String ticketUrl, String reason, long eventAt) {
}
