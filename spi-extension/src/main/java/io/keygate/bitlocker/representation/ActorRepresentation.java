package io.keygate.bitlocker.representation;

/** Who acted: {@code AuditEntry.actor}. */
public record ActorRepresentation(String userId, String username) {
}
