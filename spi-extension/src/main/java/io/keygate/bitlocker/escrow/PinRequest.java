package io.keygate.bitlocker.escrow;

/** The body of {@code PUT /escrow/devices/{deviceId}/binding}: the RFC 7638 thumbprint of the new agent key. */
public record PinRequest(String jkt) {
}
