package io.keygate.bitlocker.representation;

/** {@code GET /keys/audit/checkpoint}: the chain's head, signed by the realm (SPEC §3). */
public record CheckpointRepresentation(String checkpoint, String id, long seq, String hash, long entries) {
}
