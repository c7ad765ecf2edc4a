package io.keygate.bitlocker.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keygate.bitlocker.json.Json;

/** The document as GET shows it: literal secrets masked, vault references and empty secrets as they are. */
final class ConfigMasking {

    private ConfigMasking() {
    }

    static ObjectNode masked(BitLockerConfig config) {
        ObjectNode tree = Json.MAPPER.valueToTree(config);
        for (String secretPath : ConfigSecrets.PATHS) {
            ObjectNode section = (ObjectNode) tree.at("/" + secretPath.substring(0, secretPath.lastIndexOf('.')).replace('.', '/'));
            String name = secretPath.substring(secretPath.lastIndexOf('.') + 1);
            section.put(name, SecretValue.masked(section.get(name).asText()));
        }
        return tree;
    }
}
