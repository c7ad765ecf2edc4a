package io.keygate.bitlocker.ticketing.jira;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import org.apache.http.client.methods.HttpGet;
import org.apache.http.client.methods.HttpPost;
import org.apache.http.entity.ContentType;
import org.apache.http.entity.StringEntity;
import org.apache.http.impl.client.CloseableHttpClient;

import com.fasterxml.jackson.databind.JsonNode;

import io.keygate.bitlocker.ticketing.Ticket;
import io.keygate.bitlocker.ticketing.TicketAnnotation;
import io.keygate.bitlocker.ticketing.TicketComment;
import io.keygate.bitlocker.ticketing.TicketingProvider;
import io.keygate.bitlocker.ticketing.TicketingSettings;
import io.keygate.bitlocker.ticketing.TicketingUnavailableException;
import io.keygate.bitlocker.ticketing.http.TicketingHttp;
import io.keygate.bitlocker.ticketing.http.TicketingResponse;

/**
 * Jira Service Management, Cloud (REST v3) or Data Center (REST v2), chosen by {@code apiVersion}.
 * Reads one issue by key and adds internal comments; never searches, so no JQL is ever built.
 */
public class JiraProvider implements TicketingProvider {

    public static final String SYSTEM = "jira";

    /** Project key (upper-case, 2–10 chars) and issue number; nothing else can reach a URL. */
    private static final Pattern ISSUE_KEY = Pattern.compile("[A-Z][A-Z0-9_]{1,9}-[1-9][0-9]{0,8}");
    private static final String FIELDS = "summary,description,labels,status,issuetype";
    private static final String DONE_CATEGORY = "done";
    /** How many of the newest comments are searched for an earlier delivery. */
    static final int NEWEST_COMMENTS = 100;

    private final TicketingHttp http;

    /** @param client Keycloak's outgoing HTTP client; Keycloak closes it, this provider never does */
    public JiraProvider(CloseableHttpClient client) {
        this.http = new TicketingHttp(client, "Jira");
    }

    @Override
    public boolean isWellFormedKey(String key) {
        return key != null && ISSUE_KEY.matcher(key).matches();
    }

    @Override
    public Optional<Ticket> fetch(TicketingSettings settings, String key) throws TicketingUnavailableException {
        requireWellFormed(key);
        JiraApi api = JiraApi.of(settings.apiVersion());
        String base = TicketingHttp.baseUrl(settings);
        String authorization = api.authorization(settings);
        URI uri = URI.create(base + api.issuePath(key) + "?fields=" + FIELDS);

        TicketingResponse response = http.send(() -> jsonGet(uri, authorization), settings, "reading " + key);

        if (response.isNotFound()) {
            requireJiraAnswer(response, key);
            return Optional.empty();
        }
        return Optional.of(toTicket(response.json(), api, base, key));
    }

    @Override
    public void annotate(TicketingSettings settings, String key, TicketComment annotation)
            throws TicketingUnavailableException {
        requireWellFormed(key);
        JiraApi api = JiraApi.of(settings.apiVersion());
        String base = TicketingHttp.baseUrl(settings);
        String authorization = api.authorization(settings);
        URI uri = URI.create(base + api.issuePath(key) + "/comment");
        String body = api.internalComment(annotation).toString();

        TicketingResponse response = http.send(() -> {
            HttpPost post = new HttpPost(uri);
            post.setHeader("Authorization", authorization);
            post.setHeader("Accept", "application/json");
            post.setEntity(new StringEntity(body, ContentType.APPLICATION_JSON));
            return post;
        }, settings, "commenting on " + key);

        if (response.isNotFound()) {
            throw new TicketingUnavailableException("Jira issue " + key + " no longer exists or is no longer visible");
        }
    }

    /** Looks for the audit ID among the issue's newest comments (an interrupted delivery is recent). */
    @Override
    public boolean hasAnnotation(TicketingSettings settings, String key, String auditId) throws TicketingUnavailableException {
        requireWellFormed(key);
        TicketAnnotation.requireAuditId(auditId);
        JiraApi api = JiraApi.of(settings.apiVersion());
        String authorization = api.authorization(settings);
        URI uri = URI.create(TicketingHttp.baseUrl(settings) + api.issuePath(key) + "/comment?orderBy=-created&startAt=0&maxResults="
                + NEWEST_COMMENTS);

        TicketingResponse response = http.send(() -> jsonGet(uri, authorization), settings, "reading the comments of " + key);

        if (response.isNotFound()) {
            throw new TicketingUnavailableException("Jira issue " + key + " no longer exists or is no longer visible");
        }
        JsonNode comments = response.json().path("comments");
        if (!comments.isArray()) {
            throw new TicketingUnavailableException("Jira answered the comments of " + key + " without a comment list");
        }
        for (JsonNode comment : comments) {
            if (api.descriptionText(comment.path("body")).contains(auditId)) {
                return true;
            }
        }
        return false;
    }

    private static HttpGet jsonGet(URI uri, String authorization) {
        HttpGet get = new HttpGet(uri);
        get.setHeader("Authorization", authorization);
        get.setHeader("Accept", "application/json");
        return get;
    }

    private void requireWellFormed(String key) {
        if (!isWellFormedKey(key)) {
            // The caller answers 400 invalid_ticket before getting here; reaching this is a programming error.
            throw new IllegalArgumentException("not a Jira issue key");
        }
    }

    /**
     * Jira answers a missing (or hidden) issue with 404 and its error document. A 404 without it comes
     * from something else at that address (a wrong base URL, a proxy) and proves nothing about the ticket.
     */
    private static void requireJiraAnswer(TicketingResponse response, String key) throws TicketingUnavailableException {
        JsonNode error;
        try {
            error = response.json();
        } catch (TicketingUnavailableException e) {
            error = null;
        }
        if (error == null || !error.path("errorMessages").isArray()) {
            throw new TicketingUnavailableException("Jira answered HTTP 404 for " + key
                    + " without Jira's error document; check the configured base URL");
        }
    }

    /** The issue as Jira answered it: its own key and id, which differ from the asked key once the issue moved. */
    private static Ticket toTicket(JsonNode issue, JiraApi api, String base, String askedKey)
            throws TicketingUnavailableException {
        String key = issue.path("key").asText(askedKey);
        String id = issue.path("id").asText("");
        if (!ISSUE_KEY.matcher(key).matches() || !id.matches("[0-9]{1,18}")) {
            throw new TicketingUnavailableException("Jira answered " + askedKey + " without a usable issue key and id");
        }
        JsonNode fields = issue.path("fields");
        JsonNode status = fields.path("status");
        String category = status.path("statusCategory").path("key").asText("");
        String type = fields.path("issuetype").path("name").asText("");
        if (!fields.isObject() || category.isEmpty() || type.isEmpty()) {
            throw new TicketingUnavailableException("Jira answered " + key
                    + " without status category or issue type; cannot judge the ticket");
        }

        List<String> references = new ArrayList<>();
        references.add(fields.path("summary").asText(""));
        references.add(api.descriptionText(fields.path("description")));
        for (JsonNode label : fields.path("labels")) {
            references.add(label.asText(""));
        }
        return new Ticket(SYSTEM, key, id, base + "/browse/" + key, status.path("name").asText(category), type,
                !DONE_CATEGORY.equals(category), List.copyOf(references));
    }
}
