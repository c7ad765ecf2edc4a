package io.keygate.bitlocker.simulators.agent;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A BitLocker device agent the way a Windows service would be written: one EC P-256 key per device
 * (kept on the device), DPoP-bound client-credentials tokens (RFC 9449), and a DPoP proof on every
 * check-in. The tests and the demo escrow through it; nothing of it runs inside Keycloak.
 */
public final class DeviceAgent {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final KeyPair key;
    private final ObjectNode jwk;
    private String token;
    private long tokenExpires;

    private DeviceAgent(KeyPair key) {
        this.key = key;
        ECPoint w = ((ECPublicKey) key.getPublic()).getW();
        this.jwk = JSON.createObjectNode().put("kty", "EC").put("crv", "P-256")
                .put("x", B64URL.encodeToString(unsigned32(w.getAffineX())))
                .put("y", B64URL.encodeToString(unsigned32(w.getAffineY())));
    }

    /** An agent with a fresh key (a newly installed device). */
    public static DeviceAgent withNewKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return new DeviceAgent(generator.generateKeyPair());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The agent whose key pair is kept in {@code file} (PKCS#8) and {@code file.pub} (X.509), created the first time. */
    public static DeviceAgent keptIn(Path file) throws IOException {
        Path pub = file.resolveSibling(file.getFileName() + ".pub");
        if (!Files.exists(file) || !Files.exists(pub)) {
            DeviceAgent agent = withNewKey();
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.write(file, agent.key.getPrivate().getEncoded());
            Files.write(pub, agent.key.getPublic().getEncoded());
            return agent;
        }
        try {
            KeyFactory factory = KeyFactory.getInstance("EC");
            PrivateKey priv = factory.generatePrivate(new PKCS8EncodedKeySpec(Files.readAllBytes(file)));
            return new DeviceAgent(new KeyPair(factory.generatePublic(new X509EncodedKeySpec(Files.readAllBytes(pub))), priv));
        } catch (GeneralSecurityException e) {
            throw new IOException("unreadable agent key " + file, e);
        }
    }

    /** The RFC 7638 thumbprint of the agent's key: what a bound device is pinned to. */
    public String thumbprint() {
        try {
            String canonical = "{\"crv\":\"P-256\",\"kty\":\"EC\",\"x\":\"" + jwk.get("x").asText() + "\",\"y\":\""
                    + jwk.get("y").asText() + "\"}";
            return B64URL.encodeToString(MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A DPoP proof for one request ({@code accessToken} for {@code ath}; null at the token endpoint). */
    public String proof(String method, String url, String accessToken) {
        ObjectNode header = JSON.createObjectNode().put("typ", "dpop+jwt").put("alg", "ES256");
        header.set("jwk", jwk);
        ObjectNode payload = JSON.createObjectNode().put("jti", UUID.randomUUID().toString()).put("htm", method)
                .put("htu", url).put("iat", Instant.now().getEpochSecond());
        if (accessToken != null) {
            payload.put("ath", B64URL.encodeToString(sha256(accessToken)));
        }
        String signingInput = B64URL.encodeToString(header.toString().getBytes(StandardCharsets.UTF_8)) + "."
                + B64URL.encodeToString(payload.toString().getBytes(StandardCharsets.UTF_8));
        try {
            Signature es256 = Signature.getInstance("SHA256withECDSAinP1363Format");
            es256.initSign(key.getPrivate());
            es256.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + B64URL.encodeToString(es256.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A DPoP-bound access token of the agent's client (client credentials), reused while it is fresh. */
    public synchronized String token(String baseUrl, String realm, String clientId, String secret) throws IOException {
        if (token != null && System.currentTimeMillis() < tokenExpires) {
            return token;
        }
        String endpoint = baseUrl + "/realms/" + realm + "/protocol/openid-connect/token";
        String form = "grant_type=client_credentials&client_id=" + enc(clientId) + "&client_secret=" + enc(secret);
        HttpResponse<String> reply = send(HttpRequest.newBuilder(URI.create(endpoint))
                .header("Content-Type", "application/x-www-form-urlencoded").header("DPoP", proof("POST", endpoint, null))
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
        JsonNode json = JSON.readTree(reply.body());
        if (reply.statusCode() != 200 || !"DPoP".equalsIgnoreCase(json.path("token_type").asText())) {
            throw new IOException("no DPoP token for " + clientId + ": HTTP " + reply.statusCode() + " " + reply.body());
        }
        token = json.path("access_token").asText();
        tokenExpires = System.currentTimeMillis() + Math.max(0, json.path("expires_in").asLong(60) - 30) * 1000;
        return token;
    }

    /** {@code PUT /escrow/devices/{deviceId}} with the token and a proof for this request. */
    public HttpResponse<String> checkIn(String baseUrl, String realm, String deviceId, String body, String accessToken)
            throws IOException {
        String url = baseUrl + "/realms/" + realm + "/devices/security/bitlocker/escrow/devices/" + deviceId;
        return send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .header("Authorization", "DPoP " + accessToken).header("DPoP", proof("PUT", url, accessToken))
                .PUT(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private static HttpResponse<String> send(HttpRequest request) throws IOException {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] unsigned32(BigInteger value) {
        byte[] raw = value.toByteArray();
        byte[] out = new byte[32];
        int copy = Math.min(raw.length, 32);
        System.arraycopy(raw, raw.length - copy, out, 32 - copy, copy);
        return out;
    }

    @Override
    public String toString() {
        return "DeviceAgent[" + thumbprint() + "]";
    }

    /**
     * The demo's seeding: {@code DeviceAgent BASE_URL REALM CLIENT_ID SECRET KEY_DIR DEVICE_FILE…} checks in
     * each device (file name = device ID) with its own key, kept in KEY_DIR across restarts.
     * {@code DeviceAgent --thumbprint KEY_FILE} prints the RFC 7638 thumbprint of the agent key kept in KEY_FILE
     * (made on first use, as the agent would): what an admin reads from a re-imaged device to pin it
     * ({@code PUT …/escrow/devices/{id}/binding {"jkt":…}}).
     */
    public static void main(String[] args) throws IOException {
        if (args.length == 2 && "--thumbprint".equals(args[0])) {
            System.out.println(keptIn(Path.of(args[1])).thumbprint());
            return;
        }
        if (args.length < 6) {
            System.err.println("usage: DeviceAgent BASE_URL REALM CLIENT_ID SECRET KEY_DIR DEVICE_FILE...");
            System.err.println("       DeviceAgent --thumbprint KEY_FILE");
            System.exit(2);
        }
        Path keys = Path.of(args[4]);
        for (String file : Arrays.copyOfRange(args, 5, args.length)) {
            Path device = Path.of(file);
            String deviceId = device.getFileName().toString().replaceFirst("\\.json$", "");
            DeviceAgent agent = keptIn(keys.resolve(deviceId + ".key"));
            HttpResponse<String> reply = agent.checkIn(args[0], args[1], deviceId, Files.readString(device),
                    agent.token(args[0], args[1], args[2], args[3]));
            System.out.println("    escrowed device " + deviceId + ": HTTP " + reply.statusCode());
        }
    }
}
