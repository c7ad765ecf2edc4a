package io.keygate.bitlocker.keysource.entra;

import java.time.Duration;

/**
 * How long one operation may spend on Graph, retries and {@code Retry-After} waits included, and how
 * many requests it made. A release gets about ten seconds; a sync page may wait longer.
 */
final class CallBudget {

    static final Duration RELEASE = Duration.ofSeconds(10);
    static final Duration SYNC_PAGE = Duration.ofSeconds(60);

    private final long deadline;
    private long requests;

    private CallBudget(long deadline) {
        this.deadline = deadline;
    }

    static CallBudget of(Duration duration) {
        return new CallBudget(System.currentTimeMillis() + duration.toMillis());
    }

    /** Whether waiting {@code millis} more still ends before the deadline. */
    boolean allows(long millis) {
        return System.currentTimeMillis() + millis < deadline;
    }

    void counted() {
        requests++;
    }

    long requests() {
        return requests;
    }
}
