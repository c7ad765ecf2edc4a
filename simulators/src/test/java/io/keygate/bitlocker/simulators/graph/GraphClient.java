package io.keygate.bitlocker.simulators.graph;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** An HTTPS client trusting the committed certificate, as the extension or a test in another JVM would call the simulator. */
final class GraphClient {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String TENANT = "8f1d3c52-0000-4000-8000-00000000c0de";
    static final String CLIENT = "b1e5a7d0-0000-4000-8000-0000000000a1";
    static final String SECRET = "s3cret";

    private static final HttpClient HTTP = HttpClient.newBuilder().sslContext(GraphTls.clientSslContext()).build();

    private GraphClient() {
    }

    static HttpResponse<String> send(String method, String url, String bearer, String contentType, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> get(String url, String bearer) throws IOException, InterruptedException {
        return send("GET", url, bearer, null, null);
    }

    static JsonNode json(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body());
    }

    static HttpResponse<String> tokenRequest(GraphSimulator graph, String tenant, Map<String, String> form)
            throws IOException, InterruptedException {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send("POST", graph.tokenEndpoint(tenant), null, "application/x-www-form-urlencoded", body);
    }

    static Map<String, String> secretForm(String clientId, String secret, String scope) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "client_credentials");
        form.put("client_id", clientId);
        form.put("client_secret", secret);
        form.put("scope", scope);
        return form;
    }

    /** A token by client secret for the default test app. */
    static String token(GraphSimulator graph) throws IOException, InterruptedException {
        HttpResponse<String> response = tokenRequest(graph, TENANT, secretForm(CLIENT, SECRET, graph.scope()));
        if (response.statusCode() != 200) {
            throw new IllegalStateException(response.body());
        }
        return json(response).path("access_token").asText();
    }

    /** A client assertion as MSAL builds it: RS256 or PS256, x5t, aud = token endpoint. */
    static String assertion(String alg, String audience, String clientId, PrivateKey key, X509Certificate certificate)
            throws Exception {
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        String x5t = base64.encodeToString(MessageDigest.getInstance("SHA-1").digest(certificate.getEncoded()));
        String header = base64.encodeToString(JSON.writeValueAsBytes(Map.of("alg", alg, "typ", "JWT", "x5t", x5t)));
        long now = Instant.now().getEpochSecond();
        String claims = base64.encodeToString(JSON.writeValueAsBytes(Map.of("aud", audience, "iss", clientId,
                "sub", clientId, "jti", UUID.randomUUID().toString(), "nbf", now, "exp", now + 600)));
        Signature signer;
        if (alg.equals("PS256")) {
            signer = Signature.getInstance("RSASSA-PSS");
            signer.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
        } else {
            signer = Signature.getInstance("SHA256withRSA");
        }
        signer.initSign(key);
        signer.update((header + "." + claims).getBytes(StandardCharsets.US_ASCII));
        return header + "." + claims + "." + base64.encodeToString(signer.sign());
    }
}
