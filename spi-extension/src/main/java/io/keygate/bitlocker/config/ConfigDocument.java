package io.keygate.bitlocker.config;

import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keygate.bitlocker.json.Json;

/**
 * The configuration document as stored, changed and shown. Pure logic, composed of one class per job:
 * {@link ConfigDefaults}, {@link ConfigMerge}, {@link ConfigSecrets}, {@link ConfigValidation} and
 * {@link ConfigMasking}. Storage is {@link RealmConfigStore}'s business, the checks of provider-owned
 * sections their factories'.
 *
 * <p>A PUT is merged into the stored document: objects merge key by key, every other value
 * (strings, numbers, lists) replaces the stored one. A secret sent back as {@link SecretValue#MASK}
 * keeps the stored secret, so a client may PUT what it got from GET.
 */
public final class ConfigDocument {

    private ConfigDocument() {
    }

    /** The stored document (or {@code null}) as a full, valid configuration. */
    public static BitLockerConfig fromStored(String storedJson) {
        return ConfigDefaults.under(storedJson);
    }

    public static String toStored(BitLockerConfig config) {
        try {
            return Json.MAPPER.writeValueAsString(config);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Applies a PUT body to the current configuration.
     *
     * @return the new, validated configuration
     * @throws ConfigValidationException on malformed JSON, unknown keys, wrong types or invalid values
     */
    public static BitLockerConfig applyUpdate(BitLockerConfig current, String body, InstalledProviders installed)
            throws ConfigValidationException {
        ObjectNode update = ConfigValidation.readUpdate(body);
        ObjectNode stored = Json.MAPPER.valueToTree(current);
        Set<String> sentAgain = ConfigSecrets.sentAgain(update);
        ConfigSecrets.dropMasked(update);
        ObjectNode merged = stored.deepCopy();
        ConfigMerge.into(merged, update);
        BitLockerConfig next = ConfigValidation.bind(merged);
        ConfigValidation.validate(next, installed);
        ConfigSecrets.requireSentAgainForNewDestinations(stored, merged, sentAgain);
        return next;
    }

    /** The document as GET shows it: literal secrets masked. */
    public static ObjectNode masked(BitLockerConfig config) {
        return ConfigMasking.masked(config);
    }

    /** Dotted paths of the values that differ between two documents; secrets are named, never shown. */
    public static List<String> changedPaths(BitLockerConfig before, BitLockerConfig after) {
        return ConfigChanges.between(before, after);
    }
}
