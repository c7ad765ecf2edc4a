package io.keygate.bitlocker.model;

/**
 * What walking a realm's chain found.
 *
 * @param brokenAt   the first entry whose link or hash does not hold; {@code null} when none does not, or
 *                   when entries are missing from the end
 * @param head       the last entry walked; {@code null} for an empty log
 * @param checkpoint the kept checkpoint judged against the chain; {@code null} when none was given
 */
public record AuditVerification(boolean intact, long entries, String brokenAt, Head head, Checkpoint checkpoint) {

    /** The chain head the verification walked up to. */
    public record Head(String id, String hash) {
    }

    /** Whether the chain still holds the checkpoint's entry with the checkpoint's hash. */
    public record Checkpoint(boolean held, String id) {
    }

    /** This verification, judged against a kept checkpoint too. */
    public AuditVerification with(Checkpoint kept) {
        return new AuditVerification(intact && kept.held(), entries, brokenAt, head, kept);
    }
}
