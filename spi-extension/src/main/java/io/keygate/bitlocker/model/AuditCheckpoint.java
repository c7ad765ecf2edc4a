package io.keygate.bitlocker.model;

/**
 * The chain's head signed by the realm: {@code jws} is what an auditor keeps outside the database.
 *
 * @param entries how many entries the chain had when it was signed
 */
public record AuditCheckpoint(String jws, String id, long seq, String hash, long entries) {
}
