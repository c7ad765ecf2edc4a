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

        /**
         * Sends it with this {@code Host} header, which the JDK's client will not set: over a plain socket, as
         * HTTP/1.0 (one request, no chunked answer), the way anyone on the network can.
         */
        public Reply sendWithHost(String host) {
            URI target = URI.create(url);
            byte[] content = body == null ? new byte[0] : body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            StringBuilder head = new StringBuilder(method).append(' ').append(target.getRawPath())
                    .append(target.getRawQuery() == null ? "" : "?" + target.getRawQuery()).append(" HTTP/1.0\r\n")
                    .append("Host: ").append(host).append("\r\n");
            headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
            head.append("Content-Length: ").append(content.length).append("\r\n\r\n");
            try (java.net.Socket socket = new java.net.Socket(target.getHost(), target.getPort())) {
                socket.setSoTimeout(60_000);
                socket.getOutputStream().write(head.toString().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
                socket.getOutputStream().write(content);
                socket.getOutputStream().flush();
                String answer = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                int split = answer.indexOf("\r\n\r\n");
                String[] lines = answer.substring(0, split).split("\r\n");
                Map<String, java.util.List<String>> replyHeaders = new LinkedHashMap<>();
                for (int i = 1; i < lines.length; i++) {
                    int colon = lines[i].indexOf(':');
                    replyHeaders.computeIfAbsent(lines[i].substring(0, colon).trim().toLowerCase(java.util.Locale.ROOT),
                            k -> new java.util.ArrayList<>()).add(lines[i].substring(colon + 1).trim());
                }
                return described(new Reply(Integer.parseInt(lines[0].split(" ")[1]), replyHeaders, answer.substring(split + 4)));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        /**
         * Holds the exchange to the API's description (SPEC §10, {@link ApiDescription}): a mismatch fails the test
         * that made the call.
         */
        private Reply described(Reply reply) {
            if (ApiDescription.ENABLED && ApiDescription.covers(url)) {
                java.util.List<String> mismatches = ApiDescription.get().checkTimed(method, url, requestContentType(), body,
                        reply.status(), reply.header("Content-Type"), reply.body());
                if (!mismatches.isEmpty()) {
                    throw new AssertionError("The exchange does not match the API description (openapi.yaml):\n  "
                            + String.join("\n  ", mismatches));
                }
            }
            return reply;
        }

        private String requestContentType() {
            return headers.entrySet().stream().filter(h -> h.getKey().equalsIgnoreCase("Content-Type"))
                    .map(Map.Entry::getValue).findFirst().orElse(null);
        }

        public Reply send() {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60));
            headers.forEach(b::header);
            b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
            try {
                HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
                return described(new Reply(r.statusCode(), r.headers().map(), r.body()));
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
