package io.keygate.bitlocker.simulators;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** A plain HTTP client for the simulator tests, as a test in another JVM would use it. */
final class ControlApi {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private ControlApi() {
    }

    static HttpResponse<String> send(String method, String url, String authorization, String contentType, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> get(String url, String authorization) throws IOException, InterruptedException {
        return send("GET", url, authorization, null, null);
    }

    static HttpResponse<String> postJson(String url, String authorization, String json) throws IOException, InterruptedException {
        return send("POST", url, authorization, "application/json", json);
    }
}
