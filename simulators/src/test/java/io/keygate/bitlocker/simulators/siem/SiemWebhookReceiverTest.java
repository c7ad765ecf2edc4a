package io.keygate.bitlocker.simulators.siem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class SiemWebhookReceiverTest {

    private static final String SECRET = "s3cr3t-shared-with-keygate";
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final String ENTRY =
            "{\"type\":\"KEY_REVEALED\",\"user\":\"alice\",\"device\":\"PC-0042\",\"note\":\"grüß\"}";
    private static final String BODY = "[" + ENTRY + "]";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private WebhookReceiver receiver;

    @BeforeEach
    void start() {
        receiver = WebhookReceiver.start(0, SECRET);
    }

    @AfterEach
    void stop() {
        receiver.close();
    }

    @Test
    void signIsHexHmacOfTheBody() throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = "sha256=" + HexFormat.of().formatHex(mac.doFinal(BODY.getBytes(StandardCharsets.UTF_8)));

        assertThat(WebhookReceiver.sign(SECRET, BODY)).isEqualTo(expected).matches("sha256=[0-9a-f]{64}");
        // computed independently: printf '%s' '[{"type":"KEY_REVEALED"}]' | openssl dgst -sha256 -hmac SECRET
        assertThat(WebhookReceiver.sign(SECRET, "[{\"type\":\"KEY_REVEALED\"}]"))
                .isEqualTo("sha256=babc84988812aa428fecdeccf03e3e60bf1d583552384d500432ba3c3c837617");
        assertThat(WebhookReceiver.SIGNATURE_HEADER).isEqualTo("X-Keygate-Signature");
    }

    @Test
    void urlNamesTheEndpoint() {
        assertThat(receiver.url()).isEqualTo("http://127.0.0.1:" + receiver.port() + "/siem/keygate");
    }

    @Test
    void validSignatureIsAcceptedAndRecorded() throws Exception {
        HttpResponse<String> response = post(BODY, WebhookReceiver.sign(SECRET, BODY));

        assertThat(response.statusCode()).isEqualTo(204);
        WebhookDelivery delivery = receiver.awaitCount(1, WAIT).get(0);
        assertThat(delivery.body()).isEqualTo(BODY);
        assertThat(delivery.json().isArray()).isTrue();
        assertThat(delivery.entries()).hasSize(1);
        JsonNode entry = delivery.entries().get(0);
        assertThat(entry.path("type").asText()).isEqualTo("KEY_REVEALED");
        assertThat(entry.path("note").asText()).isEqualTo("grüß");
        assertThat(delivery.headers()).containsEntry("content-type", "application/json")
                .doesNotContainKeys("x-keygate-timestamp", "x-keygate-delivery");
        assertThat(delivery.header("X-Keygate-Signature")).isEqualTo(WebhookReceiver.sign(SECRET, BODY));
        assertThat(delivery.header("x-keygate-signature")).isEqualTo(WebhookReceiver.sign(SECRET, BODY));
        assertThat(receiver.await(d -> d.entries().get(0).path("user").asText().equals("alice"), WAIT))
                .isEqualTo(delivery);
        assertThat(receiver.entries()).containsExactly(entry);
        assertThat(receiver.rejected()).isZero();
    }

    @Test
    void signatureHeaderNameIsCaseInsensitive() throws Exception {
        String signature = WebhookReceiver.sign(SECRET, BODY);
        for (String name : new String[] {"x-keygate-signature", "X-KEYGATE-SIGNATURE", "X-KeyGate-Signature"}) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(receiver.url()))
                    .timeout(Duration.ofSeconds(5)).header("Content-Type", "application/json")
                    .header(name, signature).POST(HttpRequest.BodyPublishers.ofString(BODY)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(name).isEqualTo(204);
        }
        assertThat(receiver.deliveries()).hasSize(3);
    }

    @Test
    void wrongOrMissingSignatureIs401() throws Exception {
        String good = WebhookReceiver.sign(SECRET, BODY);
        String[] wrong = {
                WebhookReceiver.sign("another-secret", BODY),
                WebhookReceiver.sign(SECRET, BODY + " "),              // signed another body
                WebhookReceiver.sign(SECRET, "1714564800." + BODY),    // a timestamp is not part of the scheme
                good.toUpperCase().replace("SHA256=", "sha256="),      // upper-case hex is not the wire format
                good.substring("sha256=".length()),                    // no prefix
                "sha256=",
        };
        for (String signature : wrong) {
            HttpResponse<String> response = post(BODY, signature);
            assertThat(response.statusCode()).as(signature).isEqualTo(401);
            assertThat(new ObjectMapper().readTree(response.body()).path("error").asText())
                    .isEqualTo("invalid_signature");
        }
        assertThat(post(BODY, null).statusCode()).isEqualTo(401);

        assertThat(receiver.rejected()).isEqualTo(wrong.length + 1);
        assertThat(receiver.rejections()).allSatisfy(reason -> assertThat(reason).startsWith("401 "));
        assertThat(receiver.deliveries()).isEmpty();
        assertThat(receiver.entries()).isEmpty();

        receiver.clear();
        assertThat(receiver.rejected()).isZero();
    }

    @Test
    void otherRefusals() throws Exception {
        String signature = WebhookReceiver.sign(SECRET, BODY);
        String notJson = "not json";
        HttpResponse<String> invalid = post(notJson, WebhookReceiver.sign(SECRET, notJson));
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(new ObjectMapper().readTree(invalid.body()).path("error").asText()).isEqualTo("invalid_json");
        HttpResponse<String> object = post(ENTRY, WebhookReceiver.sign(SECRET, ENTRY)); // an object, not an array
        assertThat(object.statusCode()).isEqualTo(400);
        assertThat(new ObjectMapper().readTree(object.body()).path("error").asText()).isEqualTo("not_an_array");
        HttpResponse<String> text = http.send(HttpRequest.newBuilder(URI.create(receiver.url()))
                .header("Content-Type", "text/plain").header(WebhookReceiver.SIGNATURE_HEADER, signature)
                .POST(HttpRequest.BodyPublishers.ofString(BODY)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(text.statusCode()).isEqualTo(415);
        HttpResponse<String> get = http.send(HttpRequest.newBuilder(URI.create(receiver.url())).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(get.statusCode()).isEqualTo(405);
        HttpResponse<String> elsewhere = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + receiver.port() + "/other"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(BODY)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(elsewhere.statusCode()).isEqualTo(404);

        assertThat(receiver.rejected()).isEqualTo(5);
        assertThat(receiver.deliveries()).isEmpty();
        assertThat(post(BODY, signature).statusCode()).isEqualTo(204);
        assertThat(post(BODY, signature).statusCode()).isEqualTo(204); // a retry is recorded again
        assertThat(receiver.deliveries()).extracting(WebhookDelivery::body).containsExactly(BODY, BODY);
    }

    @Test
    void emptyArrayIsADeliveryWithoutEntries() throws Exception {
        assertThat(post("[]", WebhookReceiver.sign(SECRET, "[]")).statusCode()).isEqualTo(204);
        assertThat(receiver.deliveries()).hasSize(1);
        assertThat(receiver.deliveries().get(0).entries()).isEmpty();
        assertThat(receiver.entries()).isEmpty();
    }

    @Test
    void entriesAreFlattenedAcrossDeliveriesInArrivalOrder() throws Exception {
        String first = "[{\"seq\":1,\"type\":\"KEY_ESCROWED\"},{\"seq\":2,\"type\":\"KEY_REVEALED\"}]";
        String second = "[{\"seq\":3,\"type\":\"KEY_ROTATED\"}]";
        assertThat(post(first, WebhookReceiver.sign(SECRET, first)).statusCode()).isEqualTo(204);
        assertThat(post(second, WebhookReceiver.sign(SECRET, second)).statusCode()).isEqualTo(204);

        assertThat(receiver.deliveries()).hasSize(2);
        assertThat(receiver.deliveries().get(0).entries()).hasSize(2);
        assertThat(receiver.entries()).extracting(e -> e.path("seq").asInt()).containsExactly(1, 2, 3);
        assertThat(receiver.entries()).extracting(e -> e.path("type").asText())
                .containsExactly("KEY_ESCROWED", "KEY_REVEALED", "KEY_ROTATED");
        assertThat(receiver.awaitEntries(3, WAIT)).extracting(e -> e.path("seq").asInt()).containsExactly(1, 2, 3);
    }

    @Test
    void anEntryWhoseIdWasAlreadyAcceptedIsDroppedSoAReplayedDeliveryAddsNothing() throws Exception {
        String first = "[{\"id\":\"a1\",\"seq\":1},{\"id\":\"a2\",\"seq\":2}]";
        String overlapping = "[{\"id\":\"a2\",\"seq\":2},{\"id\":\"a3\",\"seq\":3}]";
        String signature = WebhookReceiver.sign(SECRET, first);

        assertThat(post(first, signature).statusCode()).isEqualTo(204);
        assertThat(post(first, signature).statusCode()).as("a replay is answered, not retried").isEqualTo(204);
        assertThat(post(overlapping, WebhookReceiver.sign(SECRET, overlapping)).statusCode()).isEqualTo(204);

        assertThat(receiver.deliveries()).hasSize(3);
        assertThat(receiver.entries()).extracting(e -> e.path("id").asText()).containsExactly("a1", "a2", "a3");
        assertThat(receiver.replayed()).extracting(e -> e.path("id").asText()).containsExactly("a1", "a2", "a2");
        receiver.clear();
        assertThat(post(first, signature).statusCode()).isEqualTo(204);
        assertThat(receiver.entries()).as("clear forgets the IDs seen").hasSize(2);
    }

    @Test
    void awaitEntriesWaitsForLaterDeliveries() throws Exception {
        String body = "[{\"seq\":1},{\"seq\":2}]";
        Thread sender = new Thread(() -> {
            try {
                Thread.sleep(200);
                post(body, WebhookReceiver.sign(SECRET, body));
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        sender.start();
        assertThat(receiver.awaitEntries(2, WAIT)).extracting(e -> e.path("seq").asInt()).containsExactly(1, 2);
        sender.join();
    }

    @Test
    void failNextAnswersTheStatusWithoutRecording() throws Exception {
        String signature = WebhookReceiver.sign(SECRET, BODY);
        receiver.failNext(503, 2);

        assertThat(post(BODY, signature).statusCode()).isEqualTo(503);
        assertThat(post(BODY, signature).statusCode()).isEqualTo(503);
        assertThat(receiver.deliveries()).isEmpty();
        assertThat(post(BODY, signature).statusCode()).isEqualTo(204);
        assertThat(receiver.deliveries()).hasSize(1);

        receiver.failNext(500, 1);
        assertThat(post(BODY, "sha256=bad").statusCode()).isEqualTo(500); // before any check
        assertThat(receiver.rejected()).isZero();

        receiver.failNext(429, 5);
        receiver.failNext(429, 0); // cancels
        assertThat(post(BODY, signature).statusCode()).isEqualTo(204);
    }

    @Test
    void downAnswers503UntilUp() throws Exception {
        String signature = WebhookReceiver.sign(SECRET, BODY);
        receiver.down(true);
        for (int i = 0; i < 3; i++) {
            assertThat(post(BODY, signature).statusCode()).isEqualTo(503);
        }
        assertThat(receiver.deliveries()).isEmpty();

        receiver.down(false);
        assertThat(post(BODY, signature).statusCode()).isEqualTo(204);
        assertThat(receiver.deliveries()).hasSize(1);
    }

    @Test
    void restartListensOnTheSamePort() throws Exception {
        String first = "[{\"seq\":1}]";
        String lost = "[{\"seq\":2}]";
        String third = "[{\"seq\":3}]";
        int port = receiver.port();
        assertThat(post(first, WebhookReceiver.sign(SECRET, first)).statusCode()).isEqualTo(204);

        receiver.stop();
        assertThat(receiver.running()).isFalse();
        assertThatThrownBy(() -> post(lost, WebhookReceiver.sign(SECRET, lost))).isInstanceOf(IOException.class);

        receiver.restart();
        assertThat(receiver.port()).isEqualTo(port);
        assertThat(post(third, WebhookReceiver.sign(SECRET, third)).statusCode()).isEqualTo(204);
        assertThat(receiver.deliveries()).extracting(WebhookDelivery::body).containsExactly(first, third);
        assertThat(receiver.entries()).extracting(e -> e.path("seq").asInt()).containsExactly(1, 3);
    }

    @Test
    void awaitFailsWithWhatArrived() throws Exception {
        assertThatThrownBy(() -> receiver.awaitCount(1, Duration.ofMillis(100)))
                .isInstanceOf(AssertionError.class).hasMessageContaining("expected 1 webhook deliveries");

        String body = "[{\"seq\":1,\"type\":\"KEY_REVEALED\"}]";
        assertThat(post(body, WebhookReceiver.sign(SECRET, body)).statusCode()).isEqualTo(204);
        assertThatThrownBy(() -> receiver.awaitEntries(2, Duration.ofMillis(100)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("expected 2 webhook audit entries")
                .hasMessageContaining("got 1")
                .hasMessageContaining("KEY_REVEALED");
    }

    private HttpResponse<String> post(String body, String signature) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(receiver.url()))
                .timeout(Duration.ofSeconds(5))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (signature != null) {
            request.header(WebhookReceiver.SIGNATURE_HEADER, signature);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
