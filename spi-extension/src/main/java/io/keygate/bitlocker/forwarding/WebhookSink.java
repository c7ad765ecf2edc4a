package io.keygate.bitlocker.forwarding;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.function.LongConsumer;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.keygate.bitlocker.model.AuditEntry;
import org.apache.http.client.config.RequestConfig;
import org.apache.http.client.methods.CloseableHttpResponse;
import org.apache.http.client.methods.HttpPost;
import org.apache.http.entity.ContentType;
import org.apache.http.entity.StringEntity;
import org.apache.http.util.EntityUtils;
import org.keycloak.connections.httpclient.HttpClientProvider;
import org.keycloak.models.KeycloakSession;

/**
 * An HTTPS webhook (SPEC §12) through Keycloak's HTTP client (its truststore and proxies): each batch is
 * one POST of a JSON array of entries, signed {@code X-Keygate-Signature: sha256=<hex HMAC-SHA256 of the
 * body under the secret>}; any 2xx delivers the whole batch. A receiver drops repeats by entry {@code id}
 * (delivery is at least once).
 */
final class WebhookSink implements AuditSink {

    static final int TIMEOUT_MILLIS = 5000;

    private final KeycloakSession session;
    private final String url;
    private final byte[] secret;

    WebhookSink(KeycloakSession session, String url, String secret) {
        this.session = session;
        this.url = url;
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String id() {
        return "webhook";
    }

    @Override
    public String describe() {
        int query = url.indexOf('?');
        return "webhook " + (query < 0 ? url : url.substring(0, query));
    }

    @Override
    public void deliver(String realmName, List<AuditEntry> entries, LongConsumer delivered) throws IOException {
        String body = AuditMessages.jsonArray(entries);
        HttpPost post = new HttpPost(url);
        post.setConfig(RequestConfig.custom().setConnectTimeout(TIMEOUT_MILLIS).setSocketTimeout(TIMEOUT_MILLIS)
                .setConnectionRequestTimeout(TIMEOUT_MILLIS).build());
        post.setHeader("X-Keygate-Signature", signature(secret, body));
        post.setEntity(new StringEntity(body, ContentType.APPLICATION_JSON));
        try (CloseableHttpResponse response = session.getProvider(HttpClientProvider.class).getHttpClient().execute(post)) {
            int status = response.getStatusLine().getStatusCode();
            EntityUtils.consumeQuietly(response.getEntity());
            if (status / 100 != 2) {
                throw new IOException("the webhook answered " + status);
            }
        }
        entries.forEach(e -> delivered.accept(e.seq()));
    }

    static String signature(byte[] secret, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }
}
