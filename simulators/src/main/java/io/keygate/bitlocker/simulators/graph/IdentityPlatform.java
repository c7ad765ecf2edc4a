package io.keygate.bitlocker.simulators.graph;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.keygate.bitlocker.simulators.RecordedRequest;
import io.keygate.bitlocker.simulators.graph.TokenRequest.AuthMethod;

/**
 * The Microsoft identity platform's side: the v2.0 token endpoint (client credentials with a client secret or a
 * certificate-signed client assertion), instance discovery and OpenID configuration, with AADSTS errors. Issues
 * opaque access tokens that remember their app's permissions.
 */
final class IdentityPlatform {

    /** An access token this simulator issued. */
    record IssuedToken(String tenantId, String clientId, Set<String> permissions, Instant expiresAt) {
    }

    static final String JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
    private static final Set<String> OIDC_SCOPES = Set.of("openid", "profile", "offline_access", "email");
    private static final DateTimeFormatter AAD_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);

    private final SecureRandom random = new SecureRandom();
    private final Map<String, AppRegistration> apps = new ConcurrentHashMap<>();
    private final Map<String, IssuedToken> tokens = new ConcurrentHashMap<>();
    private final List<TokenRequest> tokenRequests = new CopyOnWriteArrayList<>();

    void register(AppRegistration app) {
        apps.put(key(app.tenantId(), app.clientId()), app);
    }

    /** The token's grant, or null when this simulator never issued it. */
    IssuedToken token(String accessToken) {
        return accessToken == null ? null : tokens.get(accessToken);
    }

    /** Makes every issued token expired, so clients must fetch new ones. */
    void expireTokens() {
        tokens.replaceAll((token, grant) -> new IssuedToken(grant.tenantId(), grant.clientId(), grant.permissions(),
                Instant.EPOCH));
    }

    List<TokenRequest> tokenRequests() {
        return List.copyOf(tokenRequests);
    }

    void clearTokenRequests() {
        tokenRequests.clear();
    }

    Answer handle(RecordedRequest request, String baseUrl) {
        String[] segments = request.path().substring(1).split("/", -1);
        String host = host(request, baseUrl);
        if (segments.length == 3 && segments[1].equals("discovery") && segments[2].equals("instance")) {
            return discovery(request, segments[0], baseUrl, host);
        }
        if (segments.length == 4 && segments[1].equals("v2.0") && segments[2].equals(".well-known")
                && segments[3].equals("openid-configuration")) {
            return openIdConfiguration(request, segments[0], baseUrl);
        }
        if (segments.length == 4 && segments[1].equals("oauth2") && segments[2].equals("v2.0")
                && segments[3].equals("token")) {
            if (!"POST".equals(request.method())) {
                return error(request, 400, "invalid_request", 900561, "The endpoint only accepts POST requests. Received a "
                        + request.method() + " request.");
            }
            return token(request, segments[0], baseUrl, host);
        }
        return error(request, 404, "invalid_request", 900561, "The identity platform has no endpoint at "
                + request.path() + ".");
    }

    private Answer token(RecordedRequest request, String tenant, String baseUrl, String host) {
        Map<String, String> form = RecordedRequest.formParameters(request.body());
        String[] basic = basicCredentials(request.header("Authorization"));
        String clientId = form.getOrDefault("client_id", basic == null ? null : basic[0]);
        String secret = form.getOrDefault("client_secret", basic == null ? null : basic[1]);
        String assertion = form.get("client_assertion");
        AuthMethod method = assertion != null ? AuthMethod.CLIENT_ASSERTION
                : secret != null ? AuthMethod.CLIENT_SECRET : AuthMethod.NONE;
        if (apps.values().stream().noneMatch(app -> app.tenantId().equalsIgnoreCase(tenant))) {
            return recorded(tenant, clientId, method, error(request, 400, "invalid_request", 90002, "Tenant '" + tenant
                    + "' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud."));
        }
        if (!"client_credentials".equals(form.get("grant_type"))) {
            return recorded(tenant, clientId, method, error(request, 400, "unsupported_grant_type", 70003,
                    "The app requested an unsupported grant type '" + form.get("grant_type") + "'."));
        }
        if (clientId == null || clientId.isBlank()) {
            return recorded(tenant, null, method, error(request, 400, "invalid_request", 900144,
                    "The request body must contain the following parameter: 'client_id'."));
        }
        AppRegistration app = apps.get(key(tenant, clientId));
        if (app == null) {
            return recorded(tenant, clientId, method, error(request, 400, "unauthorized_client", 700016,
                    "Application with identifier '" + clientId + "' was not found in the directory '" + tenant
                            + "'. This can happen if the application has not been installed by the administrator of the tenant."));
        }
        Answer refused = authenticate(request, app, method, form, secret, baseUrl, host);
        if (refused != null) {
            return recorded(tenant, clientId, method, refused);
        }
        String scope = form.getOrDefault("scope", "");
        Set<String> resources = new HashSet<>(List.of(scope.trim().split("\\s+")));
        resources.removeAll(OIDC_SCOPES);
        resources.remove("");
        if (resources.size() != 1 || !(resources.contains(baseUrl + "/.default")
                || resources.contains("https://" + host + "/.default"))) {
            return recorded(tenant, clientId, method, error(request, 400, "invalid_scope", 70011,
                    "The provided request must include a 'scope' input parameter. The provided value for the input "
                            + "parameter 'scope' is not valid. The scope " + scope + " is not valid."));
        }
        byte[] bytes = new byte[48];
        random.nextBytes(bytes);
        String accessToken = "gsim." + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        tokens.put(accessToken, new IssuedToken(app.tenantId(), app.clientId(), app.permissions(),
                Instant.now().plusSeconds(3599)));
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("token_type", "Bearer").put("expires_in", 3599)
                .put("ext_expires_in", 3599).put("access_token", accessToken);
        return recorded(tenant, clientId, method, new Answer(200, body, Map.of("Cache-Control", "no-store, no-cache")));
    }

    /** Null when the client proved it is the app, else the error answer. */
    private Answer authenticate(RecordedRequest request, AppRegistration app, AuthMethod method, Map<String, String> form,
            String secret, String baseUrl, String host) {
        switch (method) {
            case CLIENT_ASSERTION -> {
                if (!JWT_BEARER.equals(form.get("client_assertion_type"))) {
                    return error(request, 400, "invalid_request", 50027, "client_assertion_type must be '"
                            + JWT_BEARER + "'.");
                }
                if (app.certificate() == null) {
                    return error(request, 401, "invalid_client", 700027, "The certificate with identifier used to sign "
                            + "the client assertion is not registered on application. [Reason - The key was not found.]");
                }
                String path = "/" + app.tenantId() + "/oauth2/v2.0/token";
                Set<String> audiences = new HashSet<>(List.of(baseUrl + request.path(), baseUrl + request.path() + "/",
                        "https://" + host + request.path(), "https://" + host + request.path() + "/",
                        baseUrl + path, baseUrl + path + "/"));
                String problem = ClientAssertions.problem(form.get("client_assertion"), app.certificate(),
                        app.clientId(), audiences);
                return problem == null ? null : error(request, 401, "invalid_client", 700027, problem);
            }
            case CLIENT_SECRET -> {
                return secret.equals(app.clientSecret()) ? null : error(request, 401, "invalid_client", 7000215,
                        "Invalid client secret provided. Ensure the secret being sent in the request is the client "
                                + "secret value, not the client secret ID, for a secret added to app '" + app.clientId() + "'.");
            }
            default -> {
                return error(request, 401, "invalid_client", 7000218, "The request body must contain the following "
                        + "parameter: 'client_assertion' or 'client_secret'.");
            }
        }
    }

    private Answer discovery(RecordedRequest request, String tenant, String baseUrl, String host) {
        String authorize = request.queryParameters().get("authorization_endpoint");
        String discoveredTenant = tenant;
        if (authorize != null && authorize.contains("/oauth2/")) {
            String beforeOauth = authorize.substring(0, authorize.indexOf("/oauth2/"));
            discoveredTenant = beforeOauth.substring(beforeOauth.lastIndexOf('/') + 1);
        }
        ObjectNode body = JsonNodeFactory.instance.objectNode()
                .put("tenant_discovery_endpoint", baseUrl + "/" + discoveredTenant + "/v2.0/.well-known/openid-configuration")
                .put("api-version", "1.1");
        ObjectNode entry = body.putArray("metadata").addObject().put("preferred_network", host).put("preferred_cache", host);
        entry.putArray("aliases").add(host);
        return new Answer(200, body);
    }

    private Answer openIdConfiguration(RecordedRequest request, String tenant, String baseUrl) {
        boolean known = tenant.equals("common") || tenant.equals("organizations")
                || apps.values().stream().anyMatch(app -> app.tenantId().equalsIgnoreCase(tenant));
        if (!known) {
            return error(request, 400, "invalid_tenant", 90002, "Tenant '" + tenant + "' not found.");
        }
        String issuerTenant = tenant.equals("common") || tenant.equals("organizations") ? "{tenantid}" : tenant;
        ObjectNode body = JsonNodeFactory.instance.objectNode()
                .put("token_endpoint", baseUrl + "/" + tenant + "/oauth2/v2.0/token")
                .put("authorization_endpoint", baseUrl + "/" + tenant + "/oauth2/v2.0/authorize")
                .put("issuer", baseUrl + "/" + issuerTenant + "/v2.0")
                .put("jwks_uri", baseUrl + "/" + tenant + "/discovery/v2.0/keys")
                .put("tenant_region_scope", "EU");
        body.putArray("token_endpoint_auth_methods_supported").add("client_secret_post").add("private_key_jwt")
                .add("client_secret_basic");
        body.putArray("response_types_supported").add("code").add("id_token").add("code id_token").add("id_token token");
        body.putArray("scopes_supported").add("openid").add("profile").add("email").add("offline_access");
        return new Answer(200, body);
    }

    /** The identity platform's error document, e.g. {@code invalid_client} with AADSTS7000215. */
    static Answer error(RecordedRequest request, int status, String error, int code, String description) {
        String trace = UUID.randomUUID().toString();
        String sent = request == null ? null : request.header("client-request-id");
        String correlation = sent != null ? sent : UUID.randomUUID().toString();
        String timestamp = AAD_TIME.format(Instant.now());
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("error", error)
                .put("error_description", "AADSTS" + code + ": " + description + " Trace ID: " + trace
                        + " Correlation ID: " + correlation + " Timestamp: " + timestamp);
        body.putArray("error_codes").add(code);
        body.put("timestamp", timestamp).put("trace_id", trace).put("correlation_id", correlation)
                .put("error_uri", "https://login.microsoftonline.com/error?code=" + code);
        return new Answer(status, body);
    }

    private Answer recorded(String tenant, String clientId, AuthMethod method, Answer answer) {
        ObjectNode body = (ObjectNode) answer.body();
        tokenRequests.add(new TokenRequest(Instant.now(), tenant, clientId, method, answer.status(),
                answer.status() == 200 ? null : body.path("error").asText(),
                answer.status() == 200 ? 0 : body.path("error_codes").path(0).asInt()));
        return answer;
    }

    private static String host(RecordedRequest request, String baseUrl) {
        String host = request.header("Host");
        return host != null ? host : baseUrl.substring(baseUrl.indexOf("//") + 2);
    }

    private static String[] basicCredentials(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? null : new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String key(String tenant, String clientId) {
        return tenant.toLowerCase(Locale.ROOT) + "|" + clientId.toLowerCase(Locale.ROOT);
    }
}
