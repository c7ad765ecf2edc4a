package io.keygate.bitlocker.config;

import java.io.IOException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keygate.bitlocker.json.Json;

/**
 * Every key of the document at its documented default ({@link BitLockerConfig}'s field values): the base a
 * stored document is laid over, so that keys added in later versions get their default.
 */
final class ConfigDefaults {

    /** Copied, never changed. */
    private static final ObjectNode DEFAULTS = Json.MAPPER.valueToTree(new BitLockerConfig());

    private ConfigDefaults() {
    }

    /** The stored document (or {@code null}) as a full configuration. */
    static BitLockerConfig under(String storedJson) {
        if (storedJson == null || storedJson.isBlank()) {
            return new BitLockerConfig();
        }
        try {
            return Json.MAPPER.treeToValue(overlaid(storedJson), BitLockerConfig.class);
        } catch (IOException e) {
            throw new IllegalStateException("stored BitLocker configuration is unreadable", e);
        }
    }

    private static ObjectNode overlaid(String storedJson) throws IOException {
        ObjectNode base = DEFAULTS.deepCopy();
        JsonNode stored = Json.MAPPER.readTree(storedJson);
        if (stored instanceof ObjectNode storedObject) {
            ConfigMerge.into(base, storedObject);
        }
        return base;
    }
}
