package io.keygate.bitlocker.model;

/** A device of a campaign and how far it has come (SPEC §14); the times are {@code null} until reached. */
public record CampaignDevice(String deviceId, String deviceName, CampaignDeviceState state, Long revealedAt,
        Long rotatedAt) {
}
