package io.keygate.bitlocker.config;

import static io.keygate.bitlocker.config.ConfigRules.requireHost;
import static io.keygate.bitlocker.config.ConfigRules.requireOneOf;
import static io.keygate.bitlocker.config.ConfigRules.requireRange;
import static io.keygate.bitlocker.config.ConfigRules.requireText;
import static io.keygate.bitlocker.config.ConfigRules.requireTlsOffLoopback;
import static io.keygate.bitlocker.config.ConfigRules.requireUrl;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.type.LogicalType;

/**
 * Reads, merges, validates and masks the configuration document. Pure logic: storage is
 * {@link RealmConfigStore}'s business, the checks of provider-owned sections their factories'.
 *
 * <p>A PUT is merged into the stored document: objects merge key by key, every other value
 * (strings, numbers, lists) replaces the stored one. A secret sent back as {@link SecretValue#MASK}
 * keeps the stored secret, so a client may PUT what it got from GET.
 */
public final class ConfigDocument {

    /** Paths of the secrets in the document. */
    public static final List<String> SECRET_PATHS = List.of("local.kek", "entra.clientSecret", "entra.certificate",
            "ticketing.token", "forwarding.webhook.secret");

    private static final ObjectMapper STRICT = strictMapper();
    /** Every key at its default: the base a stored document is laid over (copied, never changed). */
    private static final ObjectNode DEFAULTS = STRICT.valueToTree(new BitLockerConfig());
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
    /** ACR values are levels, names or URIs: nothing that could break the RFC 9470 challenge header. */
    private static final Pattern ACR_VALUE = Pattern.compile("^[A-Za-z0-9._:/-]{1,128}$");

    private ConfigDocument() {
    }

    private static ObjectMapper strictMapper() {
        JsonMapper mapper = JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .disable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .build();
        for (LogicalType type : List.of(LogicalType.Textual, LogicalType.Boolean, LogicalType.Integer)) {
            var coercion = mapper.coercionConfigFor(type);
            for (CoercionInputShape shape : List.of(CoercionInputShape.Integer, CoercionInputShape.Float,
                    CoercionInputShape.Boolean, CoercionInputShape.String)) {
                coercion.setCoercion(shape, CoercionAction.Fail);
            }
        }
        return mapper;
    }

    /** The stored document (or {@code null}) as a full, valid configuration. */
    public static BitLockerConfig fromStored(String storedJson) {
        if (storedJson == null || storedJson.isBlank()) {
            return new BitLockerConfig();
        }
        try {
            return STRICT.treeToValue(mergeableDefaults(storedJson), BitLockerConfig.class);
        } catch (IOException e) {
            throw new IllegalStateException("stored BitLocker configuration is unreadable", e);
        }
    }

    /** Defaults overlaid with a stored document, so that keys added in later versions get their default. */
    private static ObjectNode mergeableDefaults(String storedJson) throws IOException {
        ObjectNode base = DEFAULTS.deepCopy();
        JsonNode stored = STRICT.readTree(storedJson);
        if (stored instanceof ObjectNode storedObject) {
            deepMerge(base, storedObject);
        }
        return base;
    }

    /**
     * Applies a PUT body to the current configuration.
     *
     * @return the new, validated configuration
     * @throws ConfigValidationException on malformed JSON, unknown keys, wrong types or invalid values
     */
    public static BitLockerConfig applyUpdate(BitLockerConfig current, String body, InstalledProviders installed)
            throws ConfigValidationException {
        JsonNode update;
        try {
            update = STRICT.readTree(body == null ? "" : body);
        } catch (JsonProcessingException e) {
            throw new ConfigValidationException("malformed JSON: " + e.getOriginalMessage());
        }
        if (!(update instanceof ObjectNode updateObject)) {
            throw new ConfigValidationException("the configuration must be a JSON object");
        }
        ObjectNode stored = STRICT.valueToTree(current);
        Set<String> sentAgain = secretsSentAgain(updateObject);
        ObjectNode merged = stored.deepCopy();
        restoreMaskedSecrets(updateObject, merged);
        deepMerge(merged, updateObject);
        BitLockerConfig next;
        try {
            next = STRICT.treeToValue(merged, BitLockerConfig.class);
        } catch (UnrecognizedPropertyException e) {
            throw new ConfigValidationException("unknown key '" + path(e) + "'");
        } catch (MismatchedInputException e) {
            throw new ConfigValidationException("'" + path(e) + "' has the wrong type");
        } catch (com.fasterxml.jackson.databind.JsonMappingException e) {
            throw new ConfigValidationException(e.getPath().isEmpty() ? "invalid configuration"
                    : "'" + path(e) + "' has an invalid value");
        } catch (JsonProcessingException e) {
            throw new ConfigValidationException("invalid configuration: " + e.getOriginalMessage());
        }
        validate(next, installed);
        requireSecretsSentToNewDestinations(stored, merged, sentAgain);
        return next;
    }

    private static String path(com.fasterxml.jackson.databind.JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    /**
     * What a stored secret is for: while any of these changes, the secret must be sent again — a
     * masked or omitted secret never goes to another host, system, authentication or account.
     */
    private static final Map<String, List<String>> SECRET_DESTINATIONS = Map.of(
            "ticketing.token", List.of("ticketing.system", "ticketing.baseUrl", "ticketing.authType", "ticketing.username"),
            "entra.clientSecret", List.of("entra.authorityHost", "entra.graphBaseUrl", "entra.tenantId", "entra.clientId"),
            "entra.certificate", List.of("entra.authorityHost", "entra.graphBaseUrl", "entra.tenantId", "entra.clientId"),
            "forwarding.webhook.secret", List.of("forwarding.webhook.url"));

    /** The secrets the update carries a value for (not the mask). */
    private static Set<String> secretsSentAgain(ObjectNode update) {
        Set<String> sent = new TreeSet<>();
        for (String secretPath : SECRET_PATHS) {
            JsonNode value = update.at("/" + secretPath.replace('.', '/'));
            if (value.isTextual() && !SecretValue.MASK.equals(value.asText())) {
                sent.add(secretPath);
            }
        }
        return sent;
    }

    private static void requireSecretsSentToNewDestinations(ObjectNode stored, ObjectNode merged, Set<String> sentAgain)
            throws ConfigValidationException {
        for (Map.Entry<String, List<String>> secret : new java.util.TreeMap<>(SECRET_DESTINATIONS).entrySet()) {
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

    /** A masked secret in the update means "unchanged": drop it so the stored value stays. */
    private static void restoreMaskedSecrets(ObjectNode update, ObjectNode current) {
        for (String secretPath : SECRET_PATHS) {
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

    private static void deepMerge(ObjectNode target, ObjectNode update) {
        Iterator<Map.Entry<String, JsonNode>> fields = update.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode existing = target.get(field.getKey());
            if (existing instanceof ObjectNode existingObject && field.getValue() instanceof ObjectNode updateObject) {
                deepMerge(existingObject, updateObject);
            } else {
                target.set(field.getKey(), field.getValue());
            }
        }
    }

    static void validate(BitLockerConfig c, InstalledProviders installed) throws ConfigValidationException {
        for (String section : List.of("local", "entra", "ticketing", "stepUp", "selfService", "rotation",
                "notifications", "limits", "access", "escrow", "approval", "forwarding")) {
            if (section(c, section) == null) {
                throw new ConfigValidationException("'" + section + "' must be an object");
            }
        }
        requireOneOf("keySource", c.keySource, installed.keySources());
        requireText("local.kek", c.local.kek);

        requireOneOf("ticketing.system", c.ticketing.system, installed.ticketingSystems());
        requireUrl("ticketing.baseUrl", c.ticketing.baseUrl, true);
        requireText("ticketing.apiVersion", c.ticketing.apiVersion);
        requireOneOf("ticketing.authType", c.ticketing.authType, Set.of("basic", "oauth"));
        requireText("ticketing.username", c.ticketing.username);
        requireText("ticketing.token", c.ticketing.token);
        if (c.ticketing.incidentTypes == null || c.ticketing.incidentTypes.isEmpty()) {
            throw new ConfigValidationException("'ticketing.incidentTypes' must list at least one ticket type");
        }
        for (String type : c.ticketing.incidentTypes) {
            if (type == null || type.isBlank()) {
                throw new ConfigValidationException("'ticketing.incidentTypes' must not contain empty entries");
            }
        }
        requireRange("ticketing.maxDevicesPerTicket", c.ticketing.maxDevicesPerTicket, 1, 1000);

        requireText("stepUp.acr", c.stepUp.acr);
        if (!ACR_VALUE.matcher(c.stepUp.acr).matches()) {
            throw new ConfigValidationException("'stepUp.acr' must be a level or ACR name (letters, digits, . _ : / -)");
        }
        requireRange("stepUp.maxAgeSeconds", c.stepUp.maxAgeSeconds, 1, 86400);
        requireRange("rotation.retainPreviousDays", c.rotation.retainPreviousDays, 0, 3650);
        requireAddresses("notifications.auditorEmails", c.notifications.auditorEmails);
        requireAddresses("notifications.approverEmails", c.notifications.approverEmails);
        requireRange("limits.revealsPerUserPerHour", c.limits.revealsPerUserPerHour, 1, 100000);
        requireRange("limits.requestsPerUserPerHour", c.limits.requestsPerUserPerHour, 1, 1000);
        requireAccessClients(c.access.clients);
        requireOneOf("escrow.deviceBinding", c.escrow.deviceBinding,
                Set.of(BitLockerConfig.Escrow.BINDING_DPOP, BitLockerConfig.Escrow.BINDING_NONE));
        requireRange("escrow.checkInsPerKeyPerHour", c.escrow.checkInsPerKeyPerHour, 1, 100000);
        validateApprovalAndForwarding(c);
        installed.validateSections(c);
    }

    /** SPEC §2: client IDs, or {@code ["*"]} alone; never empty (an empty list once meant any client). */
    private static void requireAccessClients(List<String> clients) throws ConfigValidationException {
        if (clients == null) {
            throw new ConfigValidationException("'access.clients' must be a list");
        }
        if (clients.isEmpty()) {
            throw new ConfigValidationException("'access.clients' must name at least one client, or be [\"*\"] for any"
                    + " client of the realm");
        }
        for (String client : clients) {
            if (client == null || client.isBlank() || client.length() > 255) {
                throw new ConfigValidationException("'access.clients' must list client IDs");
            }
        }
        if (clients.contains(BitLockerConfig.Access.ANY_CLIENT) && clients.size() > 1) {
            throw new ConfigValidationException("'access.clients' takes \"*\" alone, not beside client IDs");
        }
    }

    private static void requireAddresses(String key, List<String> addresses) throws ConfigValidationException {
        if (addresses == null) {
            throw new ConfigValidationException("'" + key + "' must be a list");
        }
        for (String email : addresses) {
            if (email == null || !EMAIL.matcher(email).matches()) {
                throw new ConfigValidationException("'" + key + "' contains an invalid address");
            }
        }
    }

    /** Dual control (SPEC §11) and audit forwarding (SPEC §12): routes, durations, and each enabled sink's destination. */
    private static void validateApprovalAndForwarding(BitLockerConfig c) throws ConfigValidationException {
        if (c.approval.requiredFor == null) {
            throw new ConfigValidationException("'approval.requiredFor' must be a list");
        }
        for (String route : c.approval.requiredFor) {
            requireOneOf("approval.requiredFor", route, Set.of("helpdesk", "admin", "breakGlass"));
        }
        requireRange("approval.useWithinMinutes", c.approval.useWithinMinutes, 1, 10080);
        requireRange("approval.pendingHours", c.approval.pendingHours, 1, 720);
        BitLockerConfig.Syslog syslog = c.forwarding.syslog;
        BitLockerConfig.Webhook webhook = c.forwarding.webhook;
        if (syslog == null || webhook == null) {
            throw new ConfigValidationException("'forwarding' must have 'syslog' and 'webhook' objects");
        }
        requireText("forwarding.syslog.host", syslog.host);
        if (!syslog.host.isEmpty()) {
            requireHost("forwarding.syslog.host", syslog.host);
            requireTlsOffLoopback("forwarding.syslog.tls", syslog.host, syslog.tls);
        }
        requireRange("forwarding.syslog.port", syslog.port, 1, 65535);
        requireUrl("forwarding.webhook.url", webhook.url, true);
        requireText("forwarding.webhook.secret", webhook.secret);
        if (syslog.enabled && syslog.host.isBlank()) {
            throw new ConfigValidationException("'forwarding.syslog.host' is required when syslog forwarding is enabled");
        }
        if (webhook.enabled && (webhook.url.isBlank() || webhook.secret.isBlank())) {
            throw new ConfigValidationException("'forwarding.webhook.url' and 'forwarding.webhook.secret' are required when"
                    + " webhook forwarding is enabled");
        }
    }

    private static Object section(BitLockerConfig c, String name) {
        return switch (name) {
            case "local" -> c.local;
            case "entra" -> c.entra;
            case "ticketing" -> c.ticketing;
            case "stepUp" -> c.stepUp;
            case "selfService" -> c.selfService;
            case "rotation" -> c.rotation;
            case "notifications" -> c.notifications;
            case "access" -> c.access;
            case "escrow" -> c.escrow;
            case "approval" -> c.approval;
            case "forwarding" -> c.forwarding;
            default -> c.limits;
        };
    }

    /** The document as GET shows it: literal secrets masked. */
    public static ObjectNode masked(BitLockerConfig config) {
        ObjectNode tree = STRICT.valueToTree(config);
        for (String secretPath : SECRET_PATHS) {
            ObjectNode section = (ObjectNode) tree.at("/" + secretPath.substring(0, secretPath.lastIndexOf('.')).replace('.', '/'));
            String name = secretPath.substring(secretPath.lastIndexOf('.') + 1);
            section.put(name, SecretValue.masked(section.get(name).asText()));
        }
        return tree;
    }

    public static String toStored(BitLockerConfig config) {
        try {
            return STRICT.writeValueAsString(config);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Dotted paths of the values that differ between two documents; secrets are named, never shown. */
    public static List<String> changedPaths(BitLockerConfig before, BitLockerConfig after) {
        List<String> changed = new ArrayList<>();
        collectChanges("", STRICT.valueToTree(before), STRICT.valueToTree(after), changed);
        return changed;
    }

    private static void collectChanges(String prefix, JsonNode before, JsonNode after, List<String> changed) {
        if (before instanceof ObjectNode b && after instanceof ObjectNode a) {
            Set<String> names = new TreeSet<>();
            b.fieldNames().forEachRemaining(names::add);
            a.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                collectChanges(prefix.isEmpty() ? name : prefix + "." + name, b.get(name), a.get(name), changed);
            }
        } else if (before == null ? after != null : !before.equals(after)) {
            changed.add(prefix);
        }
    }
}
