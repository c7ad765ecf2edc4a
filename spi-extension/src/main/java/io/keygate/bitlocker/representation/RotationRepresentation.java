package io.keygate.bitlocker.representation;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A rotation: {@code Device.rotation}, and the answer of {@code POST /keys/{deviceId}/rotate}. */
public record RotationRepresentation(String rotationId, String deviceId, String status, String requestedAt,
        @JsonInclude(JsonInclude.Include.NON_NULL) String completedAt) {
}
