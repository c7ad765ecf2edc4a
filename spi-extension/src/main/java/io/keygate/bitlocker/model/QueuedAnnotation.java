package io.keygate.bitlocker.model;

/**
 * A ticket comment to queue: who released which device's key under which ticket — or, for a campaign (SPEC §14),
 * its summary ({@code summary}: the facts of the comment as JSON; {@code auditId} the summary's own ID,
 * {@code deviceId} the campaign's ID). Never the key.
 */
public record QueuedAnnotation(String auditId, String ticketSystem, String ticketKey, String deviceId,
        String deviceName, String keyId, String actorUsername, long releasedAt, String summary) {

    /** One release's comment. */
    public QueuedAnnotation(String auditId, String ticketSystem, String ticketKey, String deviceId, String deviceName,
            String keyId, String actorUsername, long releasedAt) {
        this(auditId, ticketSystem, ticketKey, deviceId, deviceName, keyId, actorUsername, releasedAt, null);
    }

    /** A campaign's summary comment. */
    public static QueuedAnnotation campaignSummary(String summaryId, ReleaseRequest.TicketRef ticket, String campaignId,
            String summaryJson, long at) {
        return new QueuedAnnotation(summaryId, ticket.system(), ticket.key(), campaignId, null, null, null, at,
                summaryJson);
    }
}
