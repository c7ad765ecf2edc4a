package io.keygate.bitlocker.representation;

/** SPEC §3 {@code Key}: metadata only, never the recovery password or key package. */
public record KeyRepresentation(String keyId, String volumeType, String createdAt, String state, boolean hasKeyPackage) {
}
