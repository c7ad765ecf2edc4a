package io.keygate.bitlocker.scheduling;

/** Exponential backoff for the outboxes (ticket write-back, e-mail): retry, 2×, 4×… capped at an hour. */
public final class Backoff {

    public static final long MAX_MILLIS = 3_600_000L;

    private Backoff() {
    }

    /** The wait after the {@code attempts}-th failed attempt. */
    public static long after(long retryMillis, int attempts) {
        long factor = 1L << Math.min(Math.max(attempts, 1) - 1, 20);
        return Math.min(retryMillis * factor, MAX_MILLIS);
    }
}
