package io.keygate.bitlocker.config;

import static io.keygate.bitlocker.config.ConfigRules.requireHost;
import static io.keygate.bitlocker.config.ConfigRules.requireOneOf;
import static io.keygate.bitlocker.config.ConfigRules.requireRange;
import static io.keygate.bitlocker.config.ConfigRules.requireText;
import static io.keygate.bitlocker.config.ConfigRules.requireTlsOffLoopback;
import static io.keygate.bitlocker.config.ConfigRules.requireUrl;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keygate.bitlocker.json.Json;

/**
 * Whether a document is a valid configuration, in three steps: the body is a JSON object, the merged
 * document binds (no unknown key, no wrong type), and every value passes its {@link ConfigRules} check
 * (the sections an installed provider owns are checked by that provider). Each refusal names the key.
 */
final class ConfigValidation {

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
    /** ACR values are levels, names or URIs: nothing that could break the RFC 9470 challenge header. */
    private static final Pattern ACR_VALUE = Pattern.compile("^[A-Za-z0-9._:/-]{1,128}$");

    private ConfigValidation() {
    }

    /** A PUT body as a JSON object. */
    static ObjectNode readUpdate(String body) throws ConfigValidationException {
        JsonNode update;
        try {
            update = Json.MAPPER.readTree(body == null ? "" : body);
        } catch (JsonProcessingException e) {
            throw new ConfigValidationException("malformed JSON: " + e.getOriginalMessage());
        }
        if (!(update instanceof ObjectNode updateObject)) {
            throw new ConfigValidationException("the configuration must be a JSON object");
        }
        return updateObject;
    }

    /** The merged document as a configuration; an unknown key or a value of the wrong type is named by its path. */
    static BitLockerConfig bind(ObjectNode merged) throws ConfigValidationException {
        try {
            return Json.MAPPER.treeToValue(merged, BitLockerConfig.class);
        } catch (UnrecognizedPropertyException e) {
            throw new ConfigValidationException("unknown key '" + path(e) + "'");
        } catch (MismatchedInputException e) {
            throw new ConfigValidationException("'" + path(e) + "' has the wrong type");
        } catch (JsonMappingException e) {
            throw new ConfigValidationException(e.getPath().isEmpty() ? "invalid configuration"
                    : "'" + path(e) + "' has an invalid value");
        } catch (JsonProcessingException e) {
            throw new ConfigValidationException("invalid configuration: " + e.getOriginalMessage());
        }
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    static void validate(BitLockerConfig c, InstalledProviders installed) throws ConfigValidationException {
        for (String section : List.of("local", "entra", "activeDirectory", "ticketing", "stepUp", "selfService", "rotation",
                "notifications", "limits", "access", "escrow", "approval", "campaigns", "forwarding")) {
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
        requireTypes("ticketing.incidentTypes", c.ticketing.incidentTypes);
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

    /** A list of ticket types: at least one, none empty. */
    private static void requireTypes(String key, List<String> types) throws ConfigValidationException {
        if (types == null || types.isEmpty()) {
            throw new ConfigValidationException("'" + key + "' must list at least one ticket type");
        }
        for (String type : types) {
            if (type == null || type.isBlank()) {
                throw new ConfigValidationException("'" + key + "' must not contain empty entries");
            }
        }
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
        requireTypes("campaigns.ticketTypes", c.campaigns.ticketTypes);
        requireRange("campaigns.maxDevices", c.campaigns.maxDevices, 1, 100000);
        requireRange("campaigns.maxHours", c.campaigns.maxHours, 1, 168);
        requireRange("campaigns.revealsPerUserPerHour", c.campaigns.revealsPerUserPerHour, 1, 10000);
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
            case "activeDirectory" -> c.activeDirectory;
            case "ticketing" -> c.ticketing;
            case "stepUp" -> c.stepUp;
            case "selfService" -> c.selfService;
            case "rotation" -> c.rotation;
            case "notifications" -> c.notifications;
            case "access" -> c.access;
            case "escrow" -> c.escrow;
            case "approval" -> c.approval;
            case "campaigns" -> c.campaigns;
            case "forwarding" -> c.forwarding;
            default -> c.limits;
        };
    }
}
