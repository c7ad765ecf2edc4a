package io.keygate.bitlocker.representation;

import com.fasterxml.jackson.annotation.JsonInclude;

/** SPEC §14: a device of a campaign and its state. */
public record CampaignDeviceRepresentation(String deviceId, String deviceName, String state,
        @JsonInclude(JsonInclude.Include.NON_NULL) String revealedAt,
        @JsonInclude(JsonInclude.Include.NON_NULL) String rotatedAt) {
}
