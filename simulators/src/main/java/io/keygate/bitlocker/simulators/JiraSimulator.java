package io.keygate.bitlocker.simulators;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Jira Cloud (REST v3, Basic with e-mail and API token, ADF texts) or Jira Data Center (REST v2,
 * personal access token as Bearer, plain texts): reading an issue and adding a comment.
 */
public final class JiraSimulator extends Simulator {

    public enum Mode {
        CLOUD_V3("3"),
        DATA_CENTER_V2("2");

        private final String version;

        Mode(String version) {
            this.version = version;
        }

        public String apiVersion() {
            return version;
        }
    }

    private static final Object NOT_AUTHENTICATED = error(
            "You are not authenticated. Authentication required to perform this operation.");
    private static final Object NO_ISSUE = error("Issue does not exist or you do not have permission to see it.");
    private static final Set<String> ALL_FIELDS = Set.of("summary", "description", "labels", "status", "issuetype");

    private final Mode mode;
    private final String expectedAuthorization;
    private final Map<String, JiraIssue> issues = new ConcurrentHashMap<>();
    private final Map<String, Integer> issueIds = new ConcurrentHashMap<>();
    private final List<JiraComment> comments = new CopyOnWriteArrayList<>();
    /** Ids are unique across the simulators of one JVM: a test that moves a realm to another Jira never meets its ids. */
    private static final AtomicInteger NEXT_ID = new AtomicInteger(10000);

    /**
     * @param username Cloud: the account e-mail (ignored by Data Center)
     * @param token    Cloud: the API token; Data Center: the personal access token
     */
    public JiraSimulator(Mode mode, String username, String token) {
        super("jira-" + mode.name().toLowerCase(Locale.ROOT));
        this.mode = mode;
        this.expectedAuthorization = mode == Mode.CLOUD_V3
                ? "Basic " + Base64.getEncoder().encodeToString((username + ":" + token).getBytes(StandardCharsets.UTF_8))
                : "Bearer " + token;
    }

    /** Creates and starts a simulator; port 0 picks a free one. */
    public static JiraSimulator start(Mode mode, int port, String username, String token) throws IOException {
        JiraSimulator simulator = new JiraSimulator(mode, username, token);
        simulator.start(port);
        return simulator;
    }

    public Mode mode() {
        return mode;
    }

    public void seed(JiraIssue... seeded) {
        for (JiraIssue issue : seeded) {
            String key = issue.key().toUpperCase(Locale.ROOT);
            issues.put(key, issue);
            issueIds.computeIfAbsent(key, k -> NEXT_ID.incrementAndGet());
        }
    }

    /**
     * Moves (or renames) an issue the way Jira does: it answers under its new key with the same id, and the
     * old key still finds it.
     */
    public void move(String oldKey, String newKey) {
        String from = oldKey.toUpperCase(Locale.ROOT);
        String to = newKey.toUpperCase(Locale.ROOT);
        JiraIssue issue = issues.get(from);
        JiraIssue moved = new JiraIssue(to, issue.issueType(), issue.summary(), issue.description(), issue.labels(),
                issue.status(), issue.statusCategory());
        issueIds.put(to, issueIds.get(issue.key().toUpperCase(Locale.ROOT)));
        issues.put(to, moved);
        issues.put(from, moved);
    }

    public List<JiraComment> comments() {
        return List.copyOf(comments);
    }

    /** Adds an internal comment as a client would have posted it (e.g. a delivery whose answer was lost). */
    public void addInternalComment(String key, String text) {
        ObjectNode posted = JSON.createObjectNode();
        posted.set("body", mode == Mode.CLOUD_V3 ? adf(text) : JSON.getNodeFactory().textNode(text));
        posted.putArray("properties").addObject().put("key", "sd.public.comment").putObject("value").put("internal", true);
        JiraIssue issue = issues.get(key.toUpperCase(Locale.ROOT));
        if (issue == null) {
            throw new IllegalArgumentException("no issue " + key);
        }
        addComment(issue, posted.toString());
    }

    @Override
    protected Object seed(JsonNode ticket) throws IOException {
        JiraIssue issue = JSON.treeToValue(ticket, JiraIssue.class);
        seed(issue);
        return issue;
    }

    @Override
    protected void clearTickets() {
        issues.clear();
    }

    @Override
    protected List<?> writes() {
        return comments();
    }

    @Override
    protected void clearWrites() {
        comments.clear();
    }

    @Override
    protected Object errorBody(int status) {
        return status == 401 ? NOT_AUTHENTICATED : error("Simulated failure (HTTP " + status + ")");
    }

    @Override
    protected Reply answer(RecordedRequest request) throws IOException {
        if (!expectedAuthorization.equals(request.header("Authorization"))) {
            return new Reply(401, NOT_AUTHENTICATED);
        }
        String prefix = "/rest/api/" + mode.apiVersion() + "/issue/";
        if (!request.path().startsWith(prefix)) {
            return new Reply(404, "Not Found"); // Jira's HTML 404 page for paths outside its REST API
        }
        String rest = URLDecoder.decode(request.path().substring(prefix.length()), StandardCharsets.UTF_8);
        String[] parts = rest.split("/", -1);
        JiraIssue issue = issues.get(parts[0].toUpperCase(Locale.ROOT)); // Jira reads keys case-insensitively
        if (parts.length == 1 && "GET".equals(request.method())) {
            return issue == null ? new Reply(404, NO_ISSUE)
                    : new Reply(200, issueJson(issue, request.queryParameters().get("fields")));
        }
        if (parts.length == 2 && "comment".equals(parts[1]) && "POST".equals(request.method())) {
            return issue == null ? new Reply(404, NO_ISSUE) : addComment(issue, request.body());
        }
        if (parts.length == 2 && "comment".equals(parts[1]) && "GET".equals(request.method())) {
            return issue == null ? new Reply(404, NO_ISSUE) : listComments(issue, request.queryParameters());
        }
        return new Reply(405, error("Method not allowed"));
    }

    private ObjectNode issueJson(JiraIssue issue, String fieldsParameter) {
        String key = issue.key().toUpperCase(Locale.ROOT);
        String id = String.valueOf(issueIds.get(key));
        String api = baseUrl() + "/rest/api/" + mode.apiVersion();
        ObjectNode json = JSON.createObjectNode()
                .put("expand", "renderedFields,names,schema,operations,editmeta,changelog,versionedRepresentations")
                .put("id", id).put("self", api + "/issue/" + id).put("key", key);
        ObjectNode fields = json.putObject("fields");
        Set<String> wanted = wantedFields(fieldsParameter);
        if (wanted.contains("summary")) {
            fields.put("summary", issue.summary());
        }
        if (wanted.contains("description")) {
            if (issue.description().isEmpty()) {
                fields.putNull("description");
            } else if (mode == Mode.CLOUD_V3) {
                fields.set("description", adf(issue.description()));
            } else {
                fields.put("description", issue.description());
            }
        }
        if (wanted.contains("labels")) {
            ArrayNode labels = fields.putArray("labels");
            issue.labels().forEach(labels::add);
        }
        if (wanted.contains("status")) {
            ObjectNode status = fields.putObject("status")
                    .put("self", api + "/status/" + Math.abs(issue.status().hashCode() % 10000))
                    .put("description", "").put("name", issue.status())
                    .put("id", String.valueOf(Math.abs(issue.status().hashCode() % 10000)));
            status.putObject("statusCategory")
                    .put("self", api + "/statuscategory/" + categoryId(issue.statusCategory()))
                    .put("id", categoryId(issue.statusCategory()))
                    .put("key", issue.statusCategory())
                    .put("colorName", categoryColour(issue.statusCategory()))
                    .put("name", categoryName(issue.statusCategory()));
        }
        if (wanted.contains("issuetype")) {
            fields.putObject("issuetype")
                    .put("self", api + "/issuetype/" + Math.abs(issue.issueType().hashCode() % 10000))
                    .put("id", String.valueOf(Math.abs(issue.issueType().hashCode() % 10000)))
                    .put("name", issue.issueType()).put("subtask", false);
        }
        return json;
    }

    private static Set<String> wantedFields(String parameter) {
        if (parameter == null || parameter.isBlank() || parameter.contains("*all") || parameter.contains("*navigable")) {
            return ALL_FIELDS;
        }
        return Arrays.stream(parameter.split(",")).map(String::trim).collect(Collectors.toSet());
    }

    private Reply addComment(JiraIssue issue, String body) {
        JsonNode posted;
        try {
            posted = JSON.readTree(body);
        } catch (IOException e) {
            return new Reply(400, error("Unexpected character in the request body"));
        }
        JsonNode commentBody = posted == null ? null : posted.get("body");
        String text = mode == Mode.CLOUD_V3 ? adfText(commentBody) : plainText(commentBody);
        if (text == null) {
            return new Reply(400, fieldError("comment", mode == Mode.CLOUD_V3
                    ? "Comment body is not valid!" : "Comment body can not be empty!"));
        }
        boolean internal = false;
        for (JsonNode property : posted.path("properties")) {
            if ("sd.public.comment".equals(property.path("key").asText())) {
                internal = property.path("value").path("internal").asBoolean(false);
            }
        }
        String key = issue.key().toUpperCase(Locale.ROOT);
        String id = String.valueOf(NEXT_ID.incrementAndGet());
        JiraComment comment = new JiraComment(key, posted, text, internal, id, OffsetDateTime.now(ZoneOffset.UTC).toString());
        comments.add(comment);
        return new Reply(201, commentJson(comment));
    }

    private ObjectNode commentJson(JiraComment comment) {
        ObjectNode json = JSON.createObjectNode()
                .put("self", baseUrl() + "/rest/api/" + mode.apiVersion() + "/issue/" + issueIds.get(comment.issueKey())
                        + "/comment/" + comment.id())
                .put("id", comment.id());
        json.putObject("author").put("displayName", "Keygate integration").put("active", true);
        json.set("body", comment.request().get("body"));
        json.put("created", comment.created()).put("updated", comment.created()).put("jsdPublic", !comment.internal());
        return json;
    }

    /** GET …/issue/{key}/comment: a page ({@code startAt}, {@code maxResults} ≤ 100, {@code orderBy} ±created). */
    private Reply listComments(JiraIssue issue, Map<String, String> query) {
        String key = issue.key().toUpperCase(Locale.ROOT);
        List<JiraComment> all = new ArrayList<>(comments.stream().filter(c -> c.issueKey().equals(key)).toList());
        if ("-created".equals(query.get("orderBy"))) {
            Collections.reverse(all);
        }
        int startAt;
        int maxResults;
        try {
            startAt = Math.max(0, Integer.parseInt(query.getOrDefault("startAt", "0")));
            maxResults = Math.min(100, Math.max(1, Integer.parseInt(query.getOrDefault("maxResults", "50"))));
        } catch (NumberFormatException e) {
            return new Reply(400, error("startAt and maxResults must be numbers"));
        }
        ObjectNode page = JSON.createObjectNode().put("startAt", startAt).put("maxResults", maxResults).put("total", all.size());
        ArrayNode items = page.putArray("comments");
        all.stream().skip(startAt).limit(maxResults).forEach(c -> items.add(commentJson(c)));
        return new Reply(200, page);
    }

    /** An ADF document's text, one line per block; null when it is not a valid document. */
    private static String adfText(JsonNode document) {
        if (document == null || !"doc".equals(document.path("type").asText()) || document.path("version").asInt() != 1
                || !document.path("content").isArray()) {
            return null;
        }
        List<String> lines = new ArrayList<>();
        for (JsonNode block : document.path("content")) {
            StringBuilder line = new StringBuilder();
            for (JsonNode inline : block.path("content")) {
                if ("text".equals(inline.path("type").asText())) {
                    String text = inline.path("text").asText("");
                    if (text.isEmpty()) {
                        return null; // ADF rejects empty text nodes
                    }
                    line.append(text);
                } else if ("hardBreak".equals(inline.path("type").asText())) {
                    line.append('\n');
                }
            }
            lines.add(line.toString());
        }
        return String.join("\n", lines);
    }

    private static String plainText(JsonNode body) {
        return body != null && body.isTextual() && !body.asText().isBlank() ? body.asText() : null;
    }

    /** Plain text as ADF: blank lines separate paragraphs, single line breaks become hard breaks. */
    private static ObjectNode adf(String text) {
        ObjectNode document = JSON.createObjectNode().put("type", "doc").put("version", 1);
        ArrayNode blocks = document.putArray("content");
        for (String paragraphText : text.split("\n\n")) {
            ArrayNode inline = blocks.addObject().put("type", "paragraph").putArray("content");
            String[] lines = paragraphText.split("\n");
            for (int i = 0; i < lines.length; i++) {
                if (i > 0) {
                    inline.addObject().put("type", "hardBreak");
                }
                if (!lines[i].isEmpty()) {
                    inline.addObject().put("type", "text").put("text", lines[i]);
                }
            }
        }
        return document;
    }

    private static String categoryId(String key) {
        return switch (key) {
            case "new" -> "2";
            case "done" -> "3";
            default -> "4";
        };
    }

    private static String categoryName(String key) {
        return switch (key) {
            case "new" -> "To Do";
            case "done" -> "Done";
            default -> "In Progress";
        };
    }

    private static String categoryColour(String key) {
        return switch (key) {
            case "new" -> "blue-gray";
            case "done" -> "green";
            default -> "yellow";
        };
    }

    private static Object error(String message) {
        return Map.of("errorMessages", List.of(message), "errors", Map.of());
    }

    private static Object fieldError(String field, String message) {
        return Map.of("errorMessages", List.of(), "errors", Map.of(field, message));
    }
}
