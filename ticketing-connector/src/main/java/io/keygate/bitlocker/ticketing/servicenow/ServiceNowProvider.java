package io.keygate.bitlocker.ticketing.servicenow;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Pattern;

import org.apache.http.client.methods.HttpGet;
import org.apache.http.client.methods.HttpPatch;
import org.apache.http.client.methods.HttpRequestBase;
import org.apache.http.entity.ContentType;
import org.apache.http.entity.StringEntity;
import org.apache.http.impl.client.CloseableHttpClient;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import io.keygate.bitlocker.ticketing.Ticket;
import io.keygate.bitlocker.ticketing.TicketAnnotation;
import io.keygate.bitlocker.ticketing.TicketComment;
import io.keygate.bitlocker.ticketing.TicketingProvider;
import io.keygate.bitlocker.ticketing.TicketingSettings;
import io.keygate.bitlocker.ticketing.TicketingSettings.AuthType;
import io.keygate.bitlocker.ticketing.TicketingUnavailableException;
import io.keygate.bitlocker.ticketing.http.AuthorizationHeader;
import io.keygate.bitlocker.ticketing.http.CredentialsRefusedException;
import io.keygate.bitlocker.ticketing.http.TicketingHttp;
import io.keygate.bitlocker.ticketing.http.TicketingResponse;

/**
 * ServiceNow incidents through the Table API. An incident is looked up with the documented
 * {@code number=} field filter, never a {@code sysparm_query} (an encoded query built from input
 * could be widened with {@code ^OR}); work notes are written to the sys_id that lookup returned.
 */
public class ServiceNowProvider implements TicketingProvider {

    public static final String SYSTEM = "servicenow";

    private static final Pattern INCIDENT_NUMBER = Pattern.compile("INC[0-9]{7,10}");
    private static final String INCIDENT_TABLE = "/api/now/table/incident";
    private static final String JOURNAL_TABLE = "/api/now/table/sys_journal_field";
    private static final Pattern CODE_TAG = Pattern.compile("(?i)\\[(/?)code\\]");
    private static final String LOOKUP_FIELDS =
            "sys_id,number,short_description,description,state,active,cmdb_ci,sys_class_name";

    private final TicketingHttp http;
    private final ClientCredentialsTokens tokens;

    /** @param client Keycloak's outgoing HTTP client; Keycloak closes it, this provider never does */
    public ServiceNowProvider(CloseableHttpClient client) {
        this(client, new ClientCredentialsTokens());
    }

    ServiceNowProvider(CloseableHttpClient client, ClientCredentialsTokens tokens) {
        this.http = new TicketingHttp(client, "ServiceNow");
        this.tokens = tokens;
    }

    @Override
    public boolean isWellFormedKey(String key) {
        return key != null && INCIDENT_NUMBER.matcher(key).matches();
    }

    @Override
    public Optional<Ticket> fetch(TicketingSettings settings, String key) throws TicketingUnavailableException {
        requireWellFormed(key);
        String base = TicketingHttp.baseUrl(settings);
        return lookup(settings, base, key).map(incident -> incident.toTicket(base, key));
    }

    @Override
    public void annotate(TicketingSettings settings, String key, TicketComment annotation)
            throws TicketingUnavailableException {
        requireWellFormed(key);
        String base = TicketingHttp.baseUrl(settings);
        IncidentRecord incident = lookup(settings, base, key).orElseThrow(() ->
                new TicketingUnavailableException("ServiceNow incident " + key + " no longer exists or is no longer visible"));
        URI uri = URI.create(base + INCIDENT_TABLE + "/" + incident.sysId());
        String body = JsonNodeFactory.instance.objectNode().put("work_notes", workNote(annotation)).toString();

        TicketingResponse response = send(settings, base, authorization -> {
            HttpPatch patch = new HttpPatch(uri);
            patch.setHeader("Authorization", authorization);
            patch.setHeader("Accept", "application/json");
            patch.setEntity(new StringEntity(body, ContentType.APPLICATION_JSON));
            return patch;
        }, "adding a work note to " + key);
        if (response.isNotFound()) {
            throw new TicketingUnavailableException("ServiceNow incident " + key + " vanished before its work note");
        }
    }

    /**
     * Looks for the audit ID among the incident's work notes ({@code sys_journal_field}). The encoded query
     * is built only from the incident's sys_id as ServiceNow gave it and the server-made audit ID.
     */
    @Override
    public boolean hasAnnotation(TicketingSettings settings, String key, String auditId) throws TicketingUnavailableException {
        requireWellFormed(key);
        TicketAnnotation.requireAuditId(auditId);
        String base = TicketingHttp.baseUrl(settings);
        IncidentRecord incident = lookup(settings, base, key).orElseThrow(() ->
                new TicketingUnavailableException("ServiceNow incident " + key + " no longer exists or is no longer visible"));
        String query = "element_id=" + incident.sysId() + "^element=work_notes^name=incident^valueLIKE" + auditId;
        URI uri = URI.create(base + JOURNAL_TABLE + "?sysparm_query=" + URLEncoder.encode(query, StandardCharsets.UTF_8)
                + "&sysparm_fields=sys_id&sysparm_limit=1");
        TicketingResponse response = send(settings, base, jsonGet(uri), "reading the work notes of " + key);
        JsonNode result = response.json().path("result");
        if (!result.isArray()) {
            throw new TicketingUnavailableException("ServiceNow answered the work notes of " + key + " without a result list");
        }
        return !result.isEmpty();
    }

    /**
     * ServiceNow renders {@code [code]…[/code]} in journal fields as HTML; the device name comes from a
     * device agent, so such markers are defused rather than trusted.
     */
    private static String workNote(TicketComment annotation) {
        return CODE_TAG.matcher(annotation.text()).replaceAll("($1code)");
    }

    private Optional<IncidentRecord> lookup(TicketingSettings settings, String base, String key)
            throws TicketingUnavailableException {
        // key has passed INCIDENT_NUMBER (letters and digits only), so it is safe in a URL as it stands.
        URI uri = URI.create(base + INCIDENT_TABLE + "?number=" + key
                + "&sysparm_limit=1&sysparm_display_value=all&sysparm_fields=" + LOOKUP_FIELDS);
        TicketingResponse response = send(settings, base, jsonGet(uri), "reading " + key);

        JsonNode answer = response.json();
        if (response.isNotFound()) {
            // Older releases answer an empty match with 404 "No Record found"; a 404 without
            // ServiceNow's error document comes from something else at that address.
            if (answer.path("error").isObject()) {
                return Optional.empty();
            }
            throw new TicketingUnavailableException("ServiceNow answered HTTP 404 for " + key
                    + " without ServiceNow's error document; check the configured base URL");
        }
        JsonNode result = answer.path("result");
        if (!result.isArray()) {
            throw new TicketingUnavailableException("ServiceNow answered " + key + " without a result list");
        }
        if (result.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(IncidentRecord.from(result.get(0), key));
    }

    private static AuthorizedRequest jsonGet(URI uri) {
        return authorization -> {
            HttpGet get = new HttpGet(uri);
            get.setHeader("Authorization", authorization);
            get.setHeader("Accept", "application/json");
            return get;
        };
    }

    /** Builds a request around an Authorization header value. */
    @FunctionalInterface
    private interface AuthorizedRequest {
        HttpRequestBase build(String authorization);
    }

    private TicketingResponse send(TicketingSettings settings, String base, AuthorizedRequest request, String what)
            throws TicketingUnavailableException {
        if (settings.authType() != AuthType.OAUTH_CLIENT_CREDENTIALS) {
            String authorization = AuthorizationHeader.basic(settings.username(), settings.token());
            return http.send(() -> request.build(authorization), settings, what);
        }
        ClientCredentialsTokens.AccessToken token = tokens.get(http, settings, base);
        try {
            String authorization = AuthorizationHeader.bearer(token.value());
            return http.send(() -> request.build(authorization), settings, what);
        } catch (CredentialsRefusedException refused) {
            if (!token.cached()) {
                throw refused;
            }
            // A cached token may have been revoked or the instance restarted: one fresh token, one more try.
            tokens.forget(settings, base);
            String authorization = AuthorizationHeader.bearer(tokens.get(http, settings, base).value());
            return http.send(() -> request.build(authorization), settings, what);
        }
    }

    private void requireWellFormed(String key) {
        if (!isWellFormedKey(key)) {
            // The caller answers 400 invalid_ticket before getting here; reaching this is a programming error.
            throw new IllegalArgumentException("not a ServiceNow incident number");
        }
    }
}
