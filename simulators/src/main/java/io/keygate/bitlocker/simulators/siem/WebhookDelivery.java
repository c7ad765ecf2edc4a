package io.keygate.bitlocker.simulators.siem;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One delivery the {@link WebhookReceiver} accepted (signature valid, body a JSON array of audit entries).
 *
 * @param body    the raw body as UTF-8 text, exactly as signed
 * @param json    the body parsed (a JSON array)
 * @param headers request header names in lower case, first value each
 */
public record WebhookDelivery(String body, JsonNode json, Map<String, String> headers) {

    public WebhookDelivery {
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }

    /** A header's value (name in any case), or null. */
    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    /** The audit entries: the elements of the body's JSON array, in order (empty when it is not an array). */
    public List<JsonNode> entries() {
        List<JsonNode> entries = new ArrayList<>();
        if (json != null && json.isArray()) {
            json.forEach(entries::add);
        }
        return List.copyOf(entries);
    }
}
