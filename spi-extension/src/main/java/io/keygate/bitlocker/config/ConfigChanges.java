package io.keygate.bitlocker.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keygate.bitlocker.json.Json;

/** What an update changed, for the audit entry and the admin event: dotted paths, never values. */
final class ConfigChanges {

    private ConfigChanges() {
    }

    /** Dotted paths of the values that differ between two documents; secrets are named, never shown. */
    static List<String> between(BitLockerConfig before, BitLockerConfig after) {
        List<String> changed = new ArrayList<>();
        collect("", Json.MAPPER.valueToTree(before), Json.MAPPER.valueToTree(after), changed);
        return changed;
    }

    private static void collect(String prefix, JsonNode before, JsonNode after, List<String> changed) {
        if (before instanceof ObjectNode b && after instanceof ObjectNode a) {
            Set<String> names = new TreeSet<>();
            b.fieldNames().forEachRemaining(names::add);
            a.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                collect(prefix.isEmpty() ? name : prefix + "." + name, b.get(name), a.get(name), changed);
            }
        } else if (before == null ? after != null : !before.equals(after)) {
            changed.add(prefix);
        }
    }
}
