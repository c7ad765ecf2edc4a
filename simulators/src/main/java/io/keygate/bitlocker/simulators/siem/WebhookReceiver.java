package io.keygate.bitlocker.simulators.siem;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;
import java.util.function.Supplier;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A SIEM's HTTP event collector for KeyGate's audit webhook (SPEC §12): the sender {@code POST}s to
 * {@code /siem/keygate}, with {@code Content-Type: application/json}, a body that is a JSON <em>array</em> of
 * audit entries, and the header {@value #SIGNATURE_HEADER}: {@code sha256=} and the lower-case hex HMAC-SHA256,
 * keyed with the shared secret, of the raw body bytes (see {@link #sign}). There is no timestamp header and no
 * delivery-id header; any 2xx answer counts as delivered.
 * <p>
 * Answers {@code 204} and records a {@link WebhookDelivery} when the signature is valid (compared in constant
 * time) and the body is a JSON array; {@code 401} with a small JSON error ({@code invalid_signature}) when the
 * signature is missing or wrong; {@code 400} ({@code invalid_json} or {@code not_an_array}) for a body that is
 * not JSON or not an array; {@code 404}/{@code 405}/{@code 415} for another path, method or content type. Every
 * such refusal counts in {@link #rejected()}. Header names are matched case-insensitively. {@link #entries()}
 * flattens the accepted deliveries into their audit entries.
 * <p>
 * The signature covers the body only, so a captured delivery can be sent again as it is, and delivery is at
 * least once anyway: like any receiver should (docs/checkpoints-and-forwarding.md), this one drops an entry whose
 * {@code id} it has already accepted. Such a delivery is still answered {@code 204} (nothing to retry) and
 * listed in {@link #deliveries()}, but its entries go to {@link #replayed()}, not to {@link #entries()}.
 * Entries without an {@code id} cannot be told apart and are all kept.
 * <p>
 * Faults: {@link #failNext(int, int)} and {@link #down(boolean)} answer an error status before any check,
 * without recording anything. {@link #stop()} closes the server; {@link #restart()} listens on the same port
 * again. Deliveries survive both.
 */
public final class WebhookReceiver implements AutoCloseable {

    public static final String PATH = "/siem/keygate";
    public static final String SIGNATURE_HEADER = "X-Keygate-Signature";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SIGNATURE_PREFIX = "sha256=";

    private final String secret;
    private final Object lock = new Object();
    private final List<WebhookDelivery> deliveries = new ArrayList<>();
    private final List<String> rejections = new ArrayList<>();
    private final List<JsonNode> accepted = new ArrayList<>();
    private final List<JsonNode> replayed = new ArrayList<>();
    private final Set<String> seenIds = new HashSet<>();
    private int port;
    private HttpServer server;
    private ExecutorService executor;
    private volatile boolean down;
    private int failStatus;
    private int failTimes;

    private WebhookReceiver(String secret) {
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("a webhook secret is needed");
        }
        this.secret = secret;
    }

    /**
     * Listens on 127.0.0.1:{@code port} (0 picks a free port) and checks signatures with {@code secret}.
     *
     * @throws UncheckedIOException when the port cannot be bound
     */
    public static WebhookReceiver start(int port, String secret) {
        WebhookReceiver receiver = new WebhookReceiver(secret);
        receiver.listen(port);
        return receiver;
    }

    /**
     * The {@value #SIGNATURE_HEADER} value for this body: {@code sha256=} and the lower-case hex
     * HMAC-SHA256(secret, body), over the body's UTF-8 bytes.
     */
    public static String sign(String secret, String body) {
        return signature(secret, body.getBytes(StandardCharsets.UTF_8));
    }

    private static String signature(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update(body);
            return SIGNATURE_PREFIX + HexFormat.of().formatHex(mac.doFinal());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /** {@code http://127.0.0.1:PORT/siem/keygate}. */
    public String url() {
        return "http://127.0.0.1:" + port + PATH;
    }

    /** The port listened on (still the same after {@link #stop()}, for {@link #restart()}). */
    public int port() {
        return port;
    }

    public synchronized boolean running() {
        return server != null;
    }

    /** Closes the server at once; no-op when already stopped. */
    public synchronized void stop() {
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
            server = null;
            executor = null;
        }
    }

    /** Listens again on the same port (stopping first when still running). */
    public synchronized void restart() {
        stop();
        listen(port);
    }

    @Override
    public void close() {
        stop();
    }

    /**
     * Answers {@code status} (e.g. 503) to the next {@code times} requests, before any check and without
     * recording them; replaces what an earlier call left pending ({@code times} 0 cancels).
     */
    public void failNext(int status, int times) {
        if (times > 0 && (status < 100 || status > 599)) {
            throw new IllegalArgumentException("not an HTTP status: " + status);
        }
        synchronized (lock) {
            failStatus = status;
            failTimes = Math.max(0, times);
        }
    }

    /** While on, every request is answered {@code 503} and not recorded. */
    public void down(boolean down) {
        this.down = down;
    }

    /** Accepted deliveries, oldest first (a snapshot). */
    public List<WebhookDelivery> deliveries() {
        synchronized (lock) {
            return List.copyOf(deliveries);
        }
    }

    /** Every audit entry of every accepted delivery, in arrival order, each {@code id} once (flattened; a snapshot). */
    public List<JsonNode> entries() {
        synchronized (lock) {
            return flattened();
        }
    }

    private List<JsonNode> flattened() {
        return List.copyOf(accepted);
    }

    /** Entries dropped because an entry with the same {@code id} had already been accepted, in arrival order. */
    public List<JsonNode> replayed() {
        synchronized (lock) {
            return List.copyOf(replayed);
        }
    }

    /**
     * Waits until at least {@code count} audit entries arrived (over all accepted deliveries) and returns them
     * all, in arrival order.
     *
     * @throws AssertionError when fewer arrived in time, listing what did arrive
     */
    public List<JsonNode> awaitEntries(int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (true) {
                List<JsonNode> entries = flattened();
                if (entries.size() >= count) {
                    return entries;
                }
                waitUntil(deadline, () -> "expected " + count + " webhook audit entries within " + timeout
                        + " but got " + entries.size() + ": " + entries + " (in " + deliveries.size()
                        + " deliveries); rejections: " + rejections);
            }
        }
    }

    /** Requests refused by the checks (bad or missing signature, wrong path, method, content type or body). */
    public int rejected() {
        synchronized (lock) {
            return rejections.size();
        }
    }

    /** Why each refused request was refused ({@code "401 …"}), oldest first. */
    public List<String> rejections() {
        synchronized (lock) {
            return List.copyOf(rejections);
        }
    }

    /** Forgets deliveries, entries (also the IDs seen) and rejections; the fault switches stay as they are. */
    public void clear() {
        synchronized (lock) {
            deliveries.clear();
            rejections.clear();
            accepted.clear();
            replayed.clear();
            seenIds.clear();
        }
    }

    /**
     * The first accepted delivery (already received or arriving within {@code timeout}) that matches.
     *
     * @throws AssertionError when none matches in time
     */
    public WebhookDelivery await(Predicate<WebhookDelivery> matching, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (true) {
                for (WebhookDelivery delivery : deliveries) {
                    if (matching.test(delivery)) {
                        return delivery;
                    }
                }
                waitUntil(deadline, () -> "no webhook delivery matched within " + timeout + "; received "
                        + deliveries.size() + ": " + deliveries.stream().map(WebhookDelivery::body).toList()
                        + "; rejections: " + rejections);
            }
        }
    }

    /**
     * Waits until at least {@code count} deliveries were accepted and returns them all (oldest first).
     *
     * @throws AssertionError when fewer arrived in time
     */
    public List<WebhookDelivery> awaitCount(int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (deliveries.size() < count) {
                waitUntil(deadline, () -> "expected " + count + " webhook deliveries within " + timeout
                        + " but got " + deliveries.size() + "; rejections: " + rejections);
            }
            return List.copyOf(deliveries);
        }
    }

    private void waitUntil(long deadline, Supplier<String> failure) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            throw new AssertionError(failure.get());
        }
        try {
            lock.wait(Math.max(1, left / 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for webhook deliveries", e);
        }
    }

    // ---------------------------------------------------------------- HTTP

    private void listen(int wanted) {
        try {
            HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), wanted), 0);
            ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
                Thread thread = new Thread(runnable, "siem-webhook-receiver");
                thread.setDaemon(true);
                return thread;
            });
            http.setExecutor(threads);
            http.createContext("/", this::handle);
            http.start();
            server = http;
            executor = threads;
            port = http.getAddress().getPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on 127.0.0.1:" + wanted, e);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            Answer answer = check(exchange, body);
            if (answer.status() == 405) {
                exchange.getResponseHeaders().add("Allow", "POST");
            }
            if (answer.error() == null) {
                exchange.sendResponseHeaders(answer.status(), -1);
                return;
            }
            byte[] json = JSON.writeValueAsBytes(Map.of("error", answer.error(), "message", answer.message()));
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(answer.status(), json.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(json);
            }
        } catch (IOException | RuntimeException e) {
            // the sender gave up or the receiver is stopping: nothing to answer
        }
    }

    private record Answer(int status, String error, String message) {
    }

    private Answer check(HttpExchange exchange, byte[] body) {
        if (down) {
            return new Answer(503, "unavailable", "the SIEM is down");
        }
        synchronized (lock) {
            if (failTimes > 0) {
                failTimes--;
                return new Answer(failStatus, "injected_fault", "injected failure " + failStatus);
            }
        }
        if (!PATH.equals(exchange.getRequestURI().getRawPath())) {
            return reject(404, "not_found", "no endpoint at " + exchange.getRequestURI().getRawPath());
        }
        if (!"POST".equals(exchange.getRequestMethod())) {
            return reject(405, "method_not_allowed", exchange.getRequestMethod() + " is not allowed; use POST");
        }
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        String mediaType = contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!"application/json".equals(mediaType)) {
            return reject(415, "unsupported_media_type", "Content-Type must be application/json, was " + contentType);
        }
        // the JDK's Headers look names up case-insensitively
        String signature = exchange.getRequestHeaders().getFirst(SIGNATURE_HEADER);
        if (signature == null || signature.isEmpty()) {
            return reject(401, "invalid_signature", "missing " + SIGNATURE_HEADER);
        }
        String expected = signature(secret, body);
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                signature.getBytes(StandardCharsets.US_ASCII))) {
            return reject(401, "invalid_signature", "signature does not match");
        }
        String text = new String(body, StandardCharsets.UTF_8);
        JsonNode json;
        try {
            json = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            return reject(400, "invalid_json", "body is not JSON: " + e.getOriginalMessage());
        }
        if (json == null || json.isMissingNode()) {
            return reject(400, "invalid_json", "empty body");
        }
        if (!json.isArray()) {
            return reject(400, "not_an_array", "body must be a JSON array of audit entries, was "
                    + json.getNodeType());
        }
        Map<String, String> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) ->
                headers.put(name.toLowerCase(Locale.ROOT), values.isEmpty() ? "" : values.get(0)));
        synchronized (lock) {
            WebhookDelivery delivery = new WebhookDelivery(text, json, headers);
            deliveries.add(delivery);
            for (JsonNode entry : delivery.entries()) {
                String id = entry.path("id").asText("");
                if (id.isEmpty() || seenIds.add(id)) {
                    accepted.add(entry);
                } else {
                    replayed.add(entry);
                }
            }
            lock.notifyAll();
        }
        return new Answer(204, null, null);
    }

    private Answer reject(int status, String error, String message) {
        synchronized (lock) {
            rejections.add(status + " " + message);
            lock.notifyAll();
        }
        return new Answer(status, error, message);
    }
}
