package io.keygate.bitlocker.audit;

/** The answer of {@code GET /keys/audit/verify}. */
public record AuditVerification(boolean valid, long entries, String brokenAt) {
}
