package io.keygate.bitlocker.representation;

/** The answer of a device check-in. */
public record CheckInResponse(String escrowStatus, boolean rotationRequested) {
}
