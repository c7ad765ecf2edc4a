package io.keygate.bitlocker.representation;

import java.util.List;
import java.util.Map;

/** {@code GET /escrow/status}: counts by status, the attention list, and the metadata sync (none for local). */
public record EscrowStatusRepresentation(Map<String, Long> counts, List<DeviceRepresentation> attention, Object sync) {
}
