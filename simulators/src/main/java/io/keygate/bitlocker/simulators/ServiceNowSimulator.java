package io.keygate.bitlocker.simulators;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * ServiceNow's Table API on {@code incident} (Basic or OAuth bearer) and its client-credentials token
 * endpoint {@code /oauth_token.do}. Like ServiceNow, it ignores query parameters it does not know,
 * including {@code sysparm_query}: a lookup without the {@code number} filter answers other incidents.
 */
public final class ServiceNowSimulator extends Simulator {

    private static final String TABLE = "/api/now/table/incident";
    /** Where ServiceNow keeps journal entries (work notes, comments) of every table. */
    private static final String JOURNAL = "/api/now/table/sys_journal_field";
    private static final Object NOT_AUTHENTICATED = Map.of("error",
            Map.of("message", "User Not Authenticated", "detail", "Required to provide Auth information"),
            "status", "failure");
    private static final Object NO_RECORD = Map.of("error",
            Map.of("message", "No Record found", "detail", "Record doesn't exist or ACL restricts the record retrieval"),
            "status", "failure");
    private static final Map<Integer, String> STATE_NAMES = Map.of(1, "New", 2, "In Progress", 3, "On Hold",
            6, "Resolved", 7, "Closed", 8, "Canceled");

    private final String expectedBasic;
    private final Map<String, ServiceNowIncident> incidents = new ConcurrentHashMap<>();
    private final List<WorkNote> workNotes = new CopyOnWriteArrayList<>();
    private final Map<String, Instant> accessTokens = new ConcurrentHashMap<>();
    private final AtomicInteger tokensIssued = new AtomicInteger();
    private volatile String clientId;
    private volatile String clientSecret;
    private volatile Duration tokenLifetime = Duration.ofMinutes(30);

    public ServiceNowSimulator(String username, String password) {
        super("servicenow");
        this.expectedBasic = "Basic "
                + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** Creates and starts a simulator; port 0 picks a free one. */
    public static ServiceNowSimulator start(int port, String username, String password) throws IOException {
        ServiceNowSimulator simulator = new ServiceNowSimulator(username, password);
        simulator.start(port);
        return simulator;
    }

    /** Registers the OAuth application whose client-credentials grant {@code /oauth_token.do} accepts. */
    public ServiceNowSimulator withOAuthClient(String id, String secret) {
        this.clientId = id;
        this.clientSecret = secret;
        return this;
    }

    /** How long issued access tokens stay valid ({@code expires_in}). */
    public void tokenLifetime(Duration lifetime) {
        this.tokenLifetime = lifetime;
    }

    /** Invalidates every issued access token, as an instance restart or a revocation would. */
    public void revokeTokens() {
        accessTokens.clear();
    }

    public int tokensIssued() {
        return tokensIssued.get();
    }

    public void seed(ServiceNowIncident... seeded) {
        for (ServiceNowIncident incident : seeded) {
            incidents.put(incident.number().toUpperCase(Locale.ROOT), incident);
        }
    }

    public List<WorkNote> workNotes() {
        return List.copyOf(workNotes);
    }

    @Override
    protected Object seed(JsonNode ticket) throws IOException {
        ServiceNowIncident incident = JSON.treeToValue(ticket, ServiceNowIncident.class);
        seed(incident);
        return incident;
    }

    @Override
    protected void clearTickets() {
        incidents.clear();
    }

    @Override
    protected List<?> writes() {
        return workNotes();
    }

    @Override
    protected void clearWrites() {
        workNotes.clear();
    }

    @Override
    protected Object errorBody(int status) {
        return status == 401 ? NOT_AUTHENTICATED
                : Map.of("error", Map.of("message", "Simulated failure (HTTP " + status + ")", "detail", ""),
                        "status", "failure");
    }

    @Override
    protected Reply answer(RecordedRequest request) throws IOException {
        if ("/oauth_token.do".equals(request.path()) && "POST".equals(request.method())) {
            return issueToken(RecordedRequest.formParameters(request.body()));
        }
        if (!authenticated(request.header("Authorization"))) {
            return new Reply(401, NOT_AUTHENTICATED);
        }
        if (TABLE.equals(request.path()) && "GET".equals(request.method())) {
            return list(request.queryParameters());
        }
        if (JOURNAL.equals(request.path()) && "GET".equals(request.method())) {
            return journal(request.queryParameters());
        }
        if (request.path().startsWith(TABLE + "/")) {
            ServiceNowIncident incident = bySysId(request.path().substring(TABLE.length() + 1));
            if (incident == null) {
                return new Reply(404, NO_RECORD);
            }
            return switch (request.method()) {
                case "GET" -> new Reply(200, Map.of("result", row(incident, request.queryParameters())));
                case "PATCH", "PUT" -> update(incident, request);
                default -> new Reply(405, errorBody(405));
            };
        }
        return new Reply(400, Map.of("error", Map.of("message", "Requested URI does not represent any resource",
                "detail", ""), "status", "failure"));
    }

    private boolean authenticated(String authorization) {
        if (authorization == null) {
            return false;
        }
        if (authorization.equals(expectedBasic)) {
            return true;
        }
        if (authorization.startsWith("Bearer ")) {
            Instant expiry = accessTokens.get(authorization.substring("Bearer ".length()));
            return expiry != null && Instant.now().isBefore(expiry);
        }
        return false;
    }

    private Reply issueToken(Map<String, String> form) {
        if (!"client_credentials".equals(form.get("grant_type"))) {
            return new Reply(400, Map.of("error", "invalid_request", "error_description", "unsupported grant type"));
        }
        if (clientId == null || !clientId.equals(form.get("client_id")) || !clientSecret.equals(form.get("client_secret"))) {
            return new Reply(401, Map.of("error", "server_error", "error_description", "access_denied"));
        }
        String token = UUID.randomUUID().toString().replace("-", "") + UUID.randomUUID().toString().replace("-", "");
        accessTokens.put(token, Instant.now().plus(tokenLifetime));
        tokensIssued.incrementAndGet();
        return new Reply(200, Map.of("access_token", token, "scope", "useraccount", "token_type", "Bearer",
                "expires_in", tokenLifetime.toSeconds()));
    }

    private Reply list(Map<String, String> query) {
        String number = query.get("number");
        int limit = parseLimit(query.get("sysparm_limit"));
        ArrayNode result = JSON.createArrayNode();
        incidents.values().stream()
                .filter(incident -> number == null || incident.number().equalsIgnoreCase(number))
                .sorted((a, b) -> a.number().compareTo(b.number()))
                .limit(limit)
                .forEach(incident -> result.add(row(incident, query)));
        ObjectNode body = JSON.createObjectNode();
        body.set("result", result);
        return new Reply(200, body);
    }

    private Reply update(ServiceNowIncident incident, RecordedRequest request) {
        JsonNode changes;
        try {
            changes = JSON.readTree(request.body());
        } catch (IOException e) {
            return new Reply(400, Map.of("error", Map.of("message", "Exception while reading request",
                    "detail", "The payload is not valid JSON."), "status", "failure"));
        }
        if (changes == null || !changes.isObject()) {
            return new Reply(400, Map.of("error", Map.of("message", "Exception while reading request",
                    "detail", "The payload is not valid JSON."), "status", "failure"));
        }
        String note = changes.path("work_notes").asText("");
        if (!note.isEmpty()) {
            workNotes.add(new WorkNote(incident.number(), incident.sysId(), note, changes));
        }
        return new Reply(200, Map.of("result", row(incident, Map.of("sysparm_display_value", "all"))));
    }

    /**
     * {@code sys_journal_field} rows of the work notes, filtered by an encoded query of {@code field=value}
     * and {@code fieldLIKEtext} conditions joined by {@code ^}. Any other operator matches nothing, as on an
     * instance with {@code glide.invalid_query.returns_no_rows}.
     */
    private Reply journal(Map<String, String> query) {
        List<ObjectNode> rows = new ArrayList<>();
        for (int i = 0; i < workNotes.size(); i++) {
            WorkNote note = workNotes.get(i);
            ObjectNode row = JSON.createObjectNode()
                    .put("sys_id", ServiceNowIncident.sysIdOf("journal:" + i))
                    .put("element_id", note.sysId()).put("element", "work_notes").put("name", "incident")
                    .put("value", note.text());
            rows.add(row);
        }
        String encoded = query.getOrDefault("sysparm_query", "");
        for (String condition : encoded.isEmpty() ? new String[0] : encoded.split("\\^")) {
            int like = condition.indexOf("LIKE");
            int equals = condition.indexOf('=');
            if (like > 0 && (equals < 0 || like < equals)) {
                String field = condition.substring(0, like);
                String text = condition.substring(like + 4);
                rows.removeIf(row -> !row.path(field).asText().contains(text));
            } else if (equals > 0) {
                String field = condition.substring(0, equals);
                String value = condition.substring(equals + 1);
                rows.removeIf(row -> !row.path(field).asText().equals(value));
            } else {
                rows.clear();
            }
        }
        int limit = Integer.parseInt(query.getOrDefault("sysparm_limit", "10000"));
        ArrayNode result = JSON.createArrayNode();
        rows.stream().limit(limit).forEach(result::add);
        ObjectNode body = JSON.createObjectNode();
        body.set("result", result);
        return new Reply(200, body);
    }

    /** Adds a work note as a client's PATCH would have (e.g. a delivery whose answer was lost). */
    public void addWorkNote(String number, String text) {
        ServiceNowIncident incident = incidents.values().stream()
                .filter(i -> i.number().equalsIgnoreCase(number)).findFirst().orElse(null);
        if (incident == null) {
            throw new IllegalArgumentException("no incident " + number);
        }
        workNotes.add(new WorkNote(incident.number(), incident.sysId(), text,
                JSON.createObjectNode().put("work_notes", text)));
    }

    private ServiceNowIncident bySysId(String sysId) {
        return incidents.values().stream().filter(incident -> incident.sysId().equals(sysId)).findFirst().orElse(null);
    }

    /** One row in the shape {@code sysparm_display_value} asks for: {@code all}, {@code true} or {@code false} (default). */
    private ObjectNode row(ServiceNowIncident incident, Map<String, String> query) {
        String display = query.getOrDefault("sysparm_display_value", "false").toLowerCase(Locale.ROOT);
        Set<String> fields = query.containsKey("sysparm_fields")
                ? Arrays.stream(query.get("sysparm_fields").split(",")).map(String::trim).collect(Collectors.toSet())
                : null;
        ObjectNode row = JSON.createObjectNode();
        String ciId = incident.configurationItem().isEmpty() ? "" : ServiceNowIncident.sysIdOf("ci:" + incident.configurationItem());
        String ciLink = ciId.isEmpty() ? null : baseUrl() + "/api/now/table/cmdb_ci/" + ciId;
        put(row, fields, display, "sys_id", incident.sysId(), incident.sysId(), null);
        put(row, fields, display, "number", incident.number(), incident.number(), null);
        put(row, fields, display, "short_description", incident.shortDescription(), incident.shortDescription(), null);
        put(row, fields, display, "description", incident.description(), incident.description(), null);
        put(row, fields, display, "state", String.valueOf(incident.state()),
                STATE_NAMES.getOrDefault(incident.state(), String.valueOf(incident.state())), null);
        put(row, fields, display, "active", String.valueOf(incident.active()), String.valueOf(incident.active()), null);
        put(row, fields, display, "cmdb_ci", ciId, incident.configurationItem(), ciLink);
        put(row, fields, display, "sys_class_name", incident.sysClassName(), className(incident.sysClassName()), null);
        put(row, fields, display, "work_notes", "", "", null); // journal fields always read back empty
        return row;
    }

    private static void put(ObjectNode row, Set<String> fields, String display, String name, String value,
            String displayValue, String link) {
        if (fields != null && !fields.contains(name)) {
            return;
        }
        if ("all".equals(display)) {
            ObjectNode field = row.putObject(name).put("display_value", displayValue).put("value", value);
            if (link != null) {
                field.put("link", link);
            }
        } else if (link != null) {
            row.putObject(name).put("link", link).put("true".equals(display) ? "display_value" : "value",
                    "true".equals(display) ? displayValue : value);
        } else {
            row.put(name, "true".equals(display) ? displayValue : value);
        }
    }

    private static String className(String value) {
        return "incident".equals(value) ? "Incident" : value;
    }

    private static int parseLimit(String limit) {
        try {
            return limit == null ? 10000 : Math.max(0, Integer.parseInt(limit));
        } catch (NumberFormatException e) {
            return 10000;
        }
    }
}
