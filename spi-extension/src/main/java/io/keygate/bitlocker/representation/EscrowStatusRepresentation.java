package io.keygate.bitlocker.representation;

import java.util.List;
import java.util.Map;

/**
 * {@code GET /escrow/status}: counts by status, the attention list, the metadata sync (none for local),
 * and whether devices are bound to their agent's key ({@code dpop}) or the realm runs unbound ({@code none}).
 */
public record EscrowStatusRepresentation(Map<String, Long> counts, List<DeviceRepresentation> attention, SyncRepresentation sync,
        String deviceBinding) {
}
