package io.keygate.bitlocker.representation;

/** {@code GET /keys/audit/verify}. */
public record AuditVerificationRepresentation(boolean valid, long entries, String brokenAt, Head head) {

    /** The chain head the verification walked up to. */
    public record Head(String id, String hash) {
    }
}
