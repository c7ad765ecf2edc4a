package io.keygate.bitlocker.model;

/**
 * How far one audit sink of a realm has received the log (SPEC §12): every entry up to {@code lastSeq}
 * was delivered, in order. While the sink fails, when it started failing, when the next attempt is due
 * and when the outage was last audited (at most hourly).
 */
public record ForwardingCursor(String sink, long lastSeq, Long failingSince, int attempts, Long nextAttemptAt,
        Long failureAuditedAt, String lastError) {

    public static ForwardingCursor start(String sink) {
        return new ForwardingCursor(sink, 0, null, 0, null, null, null);
    }

    public ForwardingCursor delivered(long seq) {
        return new ForwardingCursor(sink, seq, null, 0, null, failureAuditedAt, null);
    }

    /** Entries up to {@code seq} arrived, whatever happened after them. */
    public ForwardingCursor advancedTo(long seq) {
        return new ForwardingCursor(sink, Math.max(lastSeq, seq), failingSince, attempts, nextAttemptAt, failureAuditedAt,
                lastError);
    }

    public ForwardingCursor failed(String error, long now, long nextAttempt) {
        return new ForwardingCursor(sink, lastSeq, failingSince == null ? now : failingSince, attempts + 1, nextAttempt,
                failureAuditedAt, error);
    }

    public ForwardingCursor audited(long now) {
        return new ForwardingCursor(sink, lastSeq, failingSince, attempts, nextAttemptAt, now, lastError);
    }
}
