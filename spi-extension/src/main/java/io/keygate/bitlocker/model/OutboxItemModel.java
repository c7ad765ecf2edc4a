package io.keygate.bitlocker.model;

/**
 * A queued message about a release (a ticket comment, an e-mail): what it tells of — never the key —
 * and its delivery state. Queued with the release, delivered in the background.
 */
public interface OutboxItemModel {

    String getId();

    String getRealmId();

    String getAuditId();

    String getDeviceId();

    String getDeviceName();

    String getKeyId();

    String getActorUsername();

    boolean isQueued();

    int getAttempts();

    void setAttempts(int attempts);

    long getNextAttemptAt();

    void setNextAttemptAt(long at);

    String getLastError();

    /** Why the last attempt failed, shortened to fit. */
    void setLastError(String error);

    /** Set while a delivery attempt is under way; still set after a crash mid-attempt. */
    Long getInFlightSince();

    void setInFlightSince(Long since);

    void markDelivered(long at);

    void markFailed(String why);
}
