package io.keygate.bitlocker.config;

import java.util.Iterator;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * How an update is laid over a document: objects merge key by key, every other value (strings,
 * numbers, lists) replaces the one there — so a PUT of one nested key keeps its siblings, and a list
 * sent is the whole list.
 */
final class ConfigMerge {

    private ConfigMerge() {
    }

    /** Lays {@code update} over {@code target}, changing {@code target}. */
    static void into(ObjectNode target, ObjectNode update) {
        Iterator<Map.Entry<String, JsonNode>> fields = update.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode existing = target.get(field.getKey());
            if (existing instanceof ObjectNode existingObject && field.getValue() instanceof ObjectNode updateObject) {
                into(existingObject, updateObject);
            } else {
                target.set(field.getKey(), field.getValue());
            }
        }
    }
}
