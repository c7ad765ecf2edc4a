package io.keygate.bitlocker.jpa;

/** A row of an outbox (ticket annotations, e-mails): queued with a release, delivered in the background. */
public interface OutboxRow {

    String QUEUED = "QUEUED";

    String getRealmId();

    String getStatus();

    long getNextAttemptAt();

    /** When the current delivery attempt began; null between attempts. */
    Long getInFlightSince();

    void setInFlightSince(Long inFlightSince);
}
