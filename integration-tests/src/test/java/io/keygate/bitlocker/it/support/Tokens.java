package io.keygate.bitlocker.it.support;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;

/** Access tokens from the server under test, through its real token endpoint. */
public final class Tokens {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private Tokens() {
    }

    /** A password grant of a test-realm user through the test client. */
    public static String password(String realm, String username) {
        return password(realm, TestRealm.CLIENT, username, TestRealm.PASSWORD);
    }

    public static String password(String realm, String clientId, String username, String password) {
        return password(Api.BASE, realm, clientId, username, password);
    }

    /** A password grant at another server than the shared one (a {@link KeycloakNode}). */
    public static String password(String server, String realm, String clientId, String username, String password) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "password");
        form.put("client_id", clientId);
        form.put("username", username);
        form.put("password", password);
        return request(server, realm, form).path("access_token").asText();
    }

    /** A service-account token (client credentials grant). */
    public static String clientCredentials(String realm, String clientId, String secret) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "client_credentials");
        form.put("client_id", clientId);
        form.put("client_secret", secret);
        return request(realm, form).path("access_token").asText();
    }

    /** A token of the server's bootstrap admin, in the master realm. */
    public static String masterAdmin() {
        return password("master", "admin-cli", "admin", "admin");
    }

    public static JsonNode request(String realm, Map<String, String> form) {
        return request(Api.BASE, realm, form);
    }

    public static JsonNode request(String server, String realm, Map<String, String> form) {
        String encoded = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(URI.create(server + "/realms/" + realm + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(encoded)).build();
        try {
            HttpResponse<String> r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new AssertionError("token request failed: " + r.statusCode() + " " + r.body());
            }
            return Api.JSON.readTree(r.body());
        } catch (IOException e) {
            throw new RuntimeException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RuntimeException(e);
        }
    }

    /** The claims of a JWT, for assertions on acr, auth_time and roles. */
    public static JsonNode claims(String jwt) {
        try {
            return Api.JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
        } catch (IOException e) {
            throw new RuntimeException(e);
        }
    }
}
