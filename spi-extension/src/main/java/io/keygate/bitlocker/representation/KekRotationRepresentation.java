package io.keygate.bitlocker.representation;

/** The answer of {@code POST /admin/realms/{realm}/bitlocker/kek}. */
public record KekRotationRepresentation(String kekId, String previousKekId, long rewrapped, long alreadyCurrent,
        long unreadable) {
}
