package io.keygate.bitlocker.config;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The rules for the document's secrets in an update: a secret sent back as {@link SecretValue#MASK}
 * keeps the stored one (so a client may PUT what it got from GET), but a stored secret is never kept
 * for a new destination.
 */
final class ConfigSecrets {

    /** Paths of the secrets in the document. */
    static final List<String> PATHS = List.of("local.kek", "entra.clientSecret", "entra.certificate",
            "activeDirectory.bindCredential", "ticketing.token", "forwarding.webhook.secret");

    /**
     * What a stored secret is for: while any of these changes, the secret must be sent again — a
     * masked or omitted secret never goes to another host, system, authentication or account.
     */
    private static final Map<String, List<String>> DESTINATIONS = Map.of(
            "ticketing.token", List.of("ticketing.system", "ticketing.baseUrl", "ticketing.authType", "ticketing.username"),
            "entra.clientSecret", List.of("entra.authorityHost", "entra.graphBaseUrl", "entra.tenantId", "entra.clientId"),
            "entra.certificate", List.of("entra.authorityHost", "entra.graphBaseUrl", "entra.tenantId", "entra.clientId"),
            "activeDirectory.bindCredential", List.of("activeDirectory.url", "activeDirectory.ldapComponent",
                    "activeDirectory.bindDn"),
            "forwarding.webhook.secret", List.of("forwarding.webhook.url"));

    private ConfigSecrets() {
    }

    /** The secrets the update carries a value for (not the mask). */
    static Set<String> sentAgain(ObjectNode update) {
        Set<String> sent = new TreeSet<>();
        for (String secretPath : PATHS) {
            JsonNode value = update.at("/" + secretPath.replace('.', '/'));
            if (value.isTextual() && !SecretValue.MASK.equals(value.asText())) {
                sent.add(secretPath);
            }
        }
        return sent;
    }

    /** A masked secret in the update means "unchanged": drop it from the update so the stored value stays. */
    static void dropMasked(ObjectNode update) {
        for (String secretPath : PATHS) {
            String parent = "/" + secretPath.substring(0, secretPath.lastIndexOf('.')).replace('.', '/');
            String name = secretPath.substring(secretPath.lastIndexOf('.') + 1);
            if (update.at(parent) instanceof ObjectNode section) {
                JsonNode value = section.get(name);
                if (value != null && value.isTextual() && SecretValue.MASK.equals(value.asText())) {
                    section.remove(name);
                }
            }
        }
    }

    /** Refuses an update that moves a stored secret, not sent again, to another destination. */
    static void requireSentAgainForNewDestinations(ObjectNode stored, ObjectNode merged, Set<String> sentAgain)
            throws ConfigValidationException {
        for (Map.Entry<String, List<String>> secret : new TreeMap<>(DESTINATIONS).entrySet()) {
            String pointer = "/" + secret.getKey().replace('.', '/');
            if (sentAgain.contains(secret.getKey()) || stored.at(pointer).asText("").isEmpty()) {
                continue;
            }
            for (String destination : secret.getValue()) {
                String at = "/" + destination.replace('.', '/');
                if (!stored.at(at).equals(merged.at(at))) {
                    throw new ConfigValidationException("'" + destination + "' changed: send '" + secret.getKey()
                            + "' again (the stored secret is never sent to a new destination)");
                }
            }
        }
    }
}
