package io.keygate.bitlocker.it.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;

/**
 * The extension's OpenAPI description (SPEC §10), as the tests hold the server to it: every exchange with one of
 * its endpoints is checked against the operation it names — the request body against its schema, the status among
 * the declared ones, the answer's media type and body (problem codes included: each status declares its codes)
 * against the declared schema. The schemas are JSON Schema 2020-12 in OpenAPI 3.1's dialect, evaluated by
 * networknt's validator; only the lookup of the operation is done here.
 *
 * <p>A request the description forbids must be refused: tests send malformed requests on purpose, so such a request
 * is no failure as long as the server does not accept it (a 2xx would mean the server takes what the description
 * rules out); its answer is checked like any other.
 */
public final class ApiDescription {

    /** Where the extension's jar holds the description it serves. */
    public static final String RESOURCE = "io/keygate/bitlocker/rest/openapi.yaml";

    /** The validation is on unless {@code -Dbitlocker.it.validateApi=false}. */
    public static final boolean ENABLED = !"false".equals(System.getProperty("bitlocker.it.validateApi"));

    private static final String BASE_URI = "https://keygate.test/openapi.yaml";
    private static final Pattern REALM_API = Pattern.compile("/realms/[^/]+/devices/security/bitlocker(/.*)?");
    private static final Pattern ADMIN_API = Pattern.compile("/admin/realms/[^/]+/bitlocker(/.*)?");
    private static final Pattern CONSOLE = Pattern.compile("/realms/[^/]+/devices/security/bitlocker/console(/.*)?");

    private static volatile ApiDescription loaded;

    private final JsonNode document;
    private final SchemaRegistry registry;
    private final List<Template> templates = new ArrayList<>();
    private final Map<String, Schema> schemas = new ConcurrentHashMap<>();

    public ApiDescription(String yaml) {
        try {
            this.document = new ObjectMapper(new YAMLFactory()).readTree(yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.registry = SchemaRegistry.withDefaultDialect(Dialects.getOpenApi31(),
                builder -> builder.schemas(Map.of(BASE_URI, yaml)));
        document.path("paths").fieldNames().forEachRemaining(path -> templates.add(new Template(path)));
        // Literal segments win over parameters (/keys/audit over /keys/{deviceId}), as JAX-RS matches them.
        templates.sort(Comparator.comparingInt(Template::literalLength).reversed());
    }

    /** The description in the extension's jar on the test class path: the file the server serves. */
    public static ApiDescription get() {
        ApiDescription description = loaded;
        if (description == null) {
            synchronized (ApiDescription.class) {
                if (loaded == null) {
                    loaded = new ApiDescription(readResource());
                }
                description = loaded;
            }
        }
        return description;
    }

    public static String readResource() {
        try (InputStream in = ApiDescription.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the test class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether a call to this URL is one of the extension's endpoints (the console's static files are not). */
    /** What checking costs the run: exchanges checked and the time spent, printed when the test JVM ends. */
    private static final java.util.concurrent.atomic.LongAdder CHECKED = new java.util.concurrent.atomic.LongAdder();
    private static final java.util.concurrent.atomic.LongAdder NANOS = new java.util.concurrent.atomic.LongAdder();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (CHECKED.sum() > 0) {
                System.out.printf("API description: %d exchanges checked in %d ms%n", CHECKED.sum(), NANOS.sum() / 1_000_000);
            }
        }));
    }

    /** {@link #check}, timed for the run's summary. */
    public List<String> checkTimed(String method, String url, String requestContentType, String requestBody, int status,
            String responseContentType, String responseBody) {
        long start = System.nanoTime();
        try {
            return check(method, url, requestContentType, requestBody, status, responseContentType, responseBody);
        } finally {
            NANOS.add(System.nanoTime() - start);
            CHECKED.increment();
        }
    }

    public static boolean covers(String url) {
        String path = URI.create(url).getRawPath();
        return (REALM_API.matcher(path).matches() && !CONSOLE.matcher(path).matches()) || ADMIN_API.matcher(path).matches();
    }

    /**
     * What is wrong with this exchange by the description; empty when nothing is. Messages name places and
     * rules, never a value: an answer may carry a recovery password.
     */
    public List<String> check(String method, String url, String requestContentType, String requestBody, int status,
            String responseContentType, String responseBody) {
        List<String> problems = new ArrayList<>();
        String raw = URI.create(url).getRawPath();
        // JAX-RS matches …/keys/ as …/keys.
        String path = raw.length() > 1 && raw.endsWith("/") ? raw.substring(0, raw.length() - 1) : raw;
        Optional<Template> template = templates.stream().filter(t -> t.matches(path)).findFirst();
        boolean accepted = status >= 200 && status < 300;
        if (template.isEmpty()) {
            if (accepted) {
                problems.add("no path of the description matches " + path + ", yet the server answered " + status);
            }
            return problems;
        }
        String op = method.toLowerCase(Locale.ROOT);
        String opPointer = "/paths/" + escape(template.get().path) + "/" + op;
        JsonNode operation = document.at(opPointer);
        if (operation.isMissingNode()) {
            if (accepted) {
                problems.add(method + " " + template.get().path + " is not described, yet the server answered " + status);
            }
            return problems;
        }
        String where = method + " " + template.get().path;

        List<String> requestProblems = checkRequest(operation, opPointer, requestContentType, requestBody);
        if (!requestProblems.isEmpty() && accepted) {
            requestProblems.forEach(p -> problems.add(where + ": the server accepted (" + status + ") a request the description forbids: " + p));
        }

        String code = String.valueOf(status);
        JsonNode response = operation.path("responses").path(code);
        String responsePointer = opPointer + "/responses/" + code;
        if (response.isMissingNode()) {
            response = operation.path("responses").path("default");
            responsePointer = opPointer + "/responses/default";
        }
        if (response.isMissingNode()) {
            problems.add(where + ": status " + status + " is not declared" + problemCodeOf(responseContentType, responseBody));
            return problems;
        }
        JsonNode content = response.path("content");
        boolean emptyBody = responseBody == null || responseBody.isEmpty();
        if (content.isMissingNode() || content.isEmpty()) {
            if (!emptyBody) {
                problems.add(where + ": status " + status + " declares no body, yet one came");
            }
            return problems;
        }
        String mediaType = mediaType(responseContentType);
        if (status >= 400 && status < 500 && !content.has(mediaType == null ? "" : mediaType)
                && isKeycloaksOwnRefusal(mediaType, responseBody)) {
            return problems;
        }
        if (mediaType == null || !content.has(mediaType)) {
            problems.add(where + ": status " + status + " declares " + fieldNames(content) + ", not " + mediaType
                    + problemCodeOf(responseContentType, responseBody));
            return problems;
        }
        if (isJson(mediaType)) {
            String schemaPointer = responsePointer + "/content/" + escape(mediaType) + "/schema";
            JsonNode body = parse(responseBody);
            if (body == null) {
                problems.add(where + ": the " + status + " answer is not JSON");
            } else {
                for (String error : validate(schemaPointer, body)) {
                    problems.add(where + ": the " + status + " answer " + error + problemCodeOf(responseContentType, responseBody));
                }
            }
        }
        return problems;
    }

    /**
     * Keycloak's own layers refuse some requests before the extension sees them (control characters in a query, a
     * path that is not normalised) with Keycloak's error document; the description says so once, not per operation.
     */
    private boolean isKeycloaksOwnRefusal(String mediaType, String body) {
        if (!"application/json".equals(mediaType)) {
            return false;
        }
        JsonNode parsed = parse(body);
        return parsed != null && validate("/components/schemas/KeycloakError", parsed).isEmpty();
    }

    private List<String> checkRequest(JsonNode operation, String opPointer, String contentType, String body) {
        List<String> problems = new ArrayList<>();
        JsonNode requestBody = operation.path("requestBody");
        boolean hasBody = body != null && !body.isEmpty();
        if (requestBody.isMissingNode()) {
            if (hasBody) {
                problems.add("the operation takes no body");
            }
            return problems;
        }
        if (!hasBody) {
            if (requestBody.path("required").asBoolean(false)) {
                problems.add("the body is required");
            }
            return problems;
        }
        String mediaType = mediaType(contentType);
        if (mediaType == null || !requestBody.path("content").has(mediaType)) {
            problems.add("the body's media type " + mediaType + " is not among " + fieldNames(requestBody.path("content")));
            return problems;
        }
        JsonNode parsed = parse(body);
        if (parsed == null) {
            problems.add("the body is not JSON");
            return problems;
        }
        problems.addAll(validate(opPointer + "/requestBody/content/" + escape(mediaType) + "/schema", parsed));
        return problems;
    }

    private List<String> validate(String schemaPointer, JsonNode instance) {
        Schema schema = schemas.computeIfAbsent(schemaPointer,
                pointer -> registry.getSchema(SchemaLocation.of(BASE_URI + "#" + pointer)));
        List<String> messages = new ArrayList<>();
        for (Error error : schema.validate(instance)) {
            messages.add("at " + error.getInstanceLocation() + ": " + error.getMessage()
                    + " (" + error.getEvaluationPath() + ")");
        }
        return messages;
    }

    /** The problem code of a refused exchange, which names nothing secret, to say which refusal was undeclared. */
    private static String problemCodeOf(String contentType, String body) {
        if (!"application/problem+json".equals(mediaType(contentType))) {
            return "";
        }
        JsonNode parsed = parse(body);
        return parsed == null ? "" : " (problem code " + parsed.path("code").asText("?") + ")";
    }

    private static String mediaType(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return null;
        }
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    }

    private static boolean isJson(String mediaType) {
        return mediaType.equals("application/json") || mediaType.endsWith("+json");
    }

    private static JsonNode parse(String json) {
        try {
            return Api.JSON.readTree(json);
        } catch (IOException e) {
            return null;
        }
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }

    /** RFC 6901. */
    private static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }

    /** A path of the description, e.g. {@code /realms/{realm}/devices/security/bitlocker/keys/{deviceId}}. */
    private static final class Template {
        private final String path;
        private final Pattern pattern;
        private final int literalLength;

        Template(String path) {
            this.path = path;
            this.pattern = Pattern.compile(Pattern.quote(path).replaceAll("\\{[^}]+}", "\\\\E[^/]+\\\\Q"));
            this.literalLength = path.replaceAll("\\{[^}]+}", "").length();
        }

        boolean matches(String path) {
            return pattern.matcher(path).matches();
        }

        int literalLength() {
            return literalLength;
        }
    }
}
