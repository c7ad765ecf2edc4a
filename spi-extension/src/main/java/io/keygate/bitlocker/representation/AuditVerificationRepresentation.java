package io.keygate.bitlocker.representation;

import com.fasterxml.jackson.annotation.JsonInclude;

/** {@code GET /keys/audit/verify}; {@code checkpoint} only when one was given. */
public record AuditVerificationRepresentation(boolean valid, long entries, String brokenAt, Head head,
        @JsonInclude(JsonInclude.Include.NON_NULL) Checkpoint checkpoint) {

    public AuditVerificationRepresentation(boolean valid, long entries, String brokenAt, Head head) {
        this(valid, entries, brokenAt, head, null);
    }

    /** The chain head the verification walked up to. */
    public record Head(String id, String hash) {
    }

    /** Whether the chain still holds the checkpoint's entry with the checkpoint's hash. */
    public record Checkpoint(boolean valid, String id) {
    }

    /** This verification, judged against a kept checkpoint too. */
    public AuditVerificationRepresentation with(Checkpoint kept) {
        return new AuditVerificationRepresentation(valid && kept.valid(), entries, brokenAt, head, kept);
    }
}
