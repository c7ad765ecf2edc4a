package io.keygate.bitlocker.keysource.entra;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.keygate.bitlocker.keysource.DeviceReport;
import io.keygate.bitlocker.model.DeviceOwner;
import io.keygate.bitlocker.model.Encryption;
import io.keygate.bitlocker.model.Guid;
import io.keygate.bitlocker.model.StagedItem;

/** What Entra ID and Intune say about one device, as the report the shared escrow write path applies. */
final class EntraReports {

    private static final int MAX_NAME = 255;

    private EntraReports() {
    }

    /**
     * @param device     a Graph {@code device} ({@code deviceId}, {@code displayName})
     * @param keys       the device's recovery keys now in Entra ID
     * @param encryption Intune's state, or {@code null} when Intune does not manage the device
     */
    static DeviceReport report(JsonNode device, List<StagedItem> keys, DeviceOwner owner, Encryption encryption) {
        String deviceId = Guid.normalize(device.path("deviceId").asText(null));
        String name = device.path("displayName").asText("");
        if (name.isBlank()) {
            name = deviceId;
        }
        if (name.length() > MAX_NAME) {
            name = name.substring(0, MAX_NAME);
        }
        List<DeviceReport.ReportedKey> reported = keys.stream()
                .map(k -> new DeviceReport.ReportedKey(k.itemId(), k.volumeType(), null, k.createdAt()))
                .toList();
        Encryption state = encryption != null ? encryption : reported.isEmpty() ? Encryption.NOT_ENCRYPTED : Encryption.ENCRYPTED;
        return new DeviceReport(deviceId, name, owner, state, reported);
    }
}
