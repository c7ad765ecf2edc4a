package io.keygate.bitlocker.model;

/** A ticket comment to queue: who released which device's key under which ticket. Never the key. */
public record QueuedAnnotation(String auditId, String ticketSystem, String ticketKey, String deviceId,
        String deviceName, String keyId, String actorUsername, long releasedAt) {
}
