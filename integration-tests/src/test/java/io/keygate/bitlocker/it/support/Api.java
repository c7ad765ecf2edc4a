package io.keygate.bitlocker.it.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Plain HTTP against the server under test, the way an outside client calls it. */
public final class Api {

    public static final String BASE = "http://localhost:8080";
    public static final ObjectMapper JSON = new ObjectMapper();

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private Api() {
    }

    public static String bitlocker(String realm) {
        return BASE + "/realms/" + realm + "/devices/security/bitlocker";
    }

    /** {@code /admin/realms/{realm}}, where the extension's admin endpoints live under {@code /bitlocker}. */
    public static String adminBase(String realm) {
        return BASE + "/admin/realms/" + realm;
    }

    public static String adminConfig(String realm) {
        return BASE + "/admin/realms/" + realm + "/bitlocker/config";
    }

    public static Call get(String url) {
        return new Call("GET", url);
    }

    public static Call put(String url, String body) {
        return new Call("PUT", url).body(body);
    }

    public static Call post(String url, String body) {
        return new Call("POST", url).body(body);
    }

    public static Call delete(String url) {
        return new Call("DELETE", url);
    }

    public static final class Call {
        private final String method;
        private final String url;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private String body;

        private Call(String method, String url) {
            this.method = method;
            this.url = url;
        }

        public Call bearer(String token) {
            headers.put("Authorization", "Bearer " + token);
            return this;
        }

        public Call header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        public Call body(String body) {
            this.body = body;
            headers.putIfAbsent("Content-Type", "application/json");
            return this;
        }

        public Reply send() {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60));
            headers.forEach(b::header);
            b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
            try {
                HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
                return new Reply(r.statusCode(), r.headers().map(), r.body());
            } catch (IOException e) {
                throw new RuntimeException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RuntimeException(e);
            }
        }
    }

    public record Reply(int status, Map<String, java.util.List<String>> headers, String body) {

        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (" + status + "): " + body, e);
            }
        }

        public String code() {
            return json().path("code").asText(null);
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }
}
