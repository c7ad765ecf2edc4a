package io.keygate.bitlocker.simulators;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import javax.net.ssl.SSLContext;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

/**
 * What every simulated system shares: a JDK {@link HttpServer} (or {@link HttpsServer}), the request log,
 * fault injection and the control API under {@code /__sim/} that lets tests in another JVM seed tickets,
 * inject faults and read what arrived. Subclasses speak the system's own wire format in {@link #answer}.
 */
public abstract class Simulator implements AutoCloseable {

    protected static final ObjectMapper JSON = new ObjectMapper();
    private static final String CONTROL = "/__sim/";

    static {
        // The JDK server writes a response's headers and body apart; with Nagle's algorithm on, the body waits
        // for the client's delayed ACK (40 ms on Linux) on every kept-alive connection, so a release checked
        // against this "Jira" took 40 ms more than against a real one. Read once, before the first server starts.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final String system;
    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    private final Deque<Fault> faults = new ArrayDeque<>();
    private HttpServer server;
    private ExecutorService executor;
    private String baseUrl;

    /** An answer: status, a body Jackson can write (or null for none) and extra headers. */
    protected record Reply(int status, Object body, Map<String, String> headers) {
        protected Reply(int status, Object body) {
            this(status, body, Map.of());
        }
    }

    /** A {@link Reply}, for subclasses in other packages (a protected record's constructor is out of their reach). */
    protected static Reply reply(int status, Object body, Map<String, String> headers) {
        return new Reply(status, body, headers);
    }

    protected Simulator(String system) {
        this.system = system;
    }

    /** Listens on 127.0.0.1; port 0 picks a free one. */
    public void start(int port) throws IOException {
        start("127.0.0.1", port);
    }

    public synchronized void start(String host, int port) throws IOException {
        open(host, port, null);
    }

    /**
     * Listens with HTTPS ({@link HttpsServer}) using the server certificate of {@code tls}; {@link #baseUrl()}
     * then starts with {@code https://}. Port 0 picks a free one.
     */
    public synchronized void startTls(String host, int port, SSLContext tls) throws IOException {
        open(host, port, Objects.requireNonNull(tls, "tls"));
    }

    private void open(String host, int port, SSLContext tls) throws IOException {
        if (server != null) {
            throw new IllegalStateException(system + " simulator already started");
        }
        if (tls == null) {
            server = HttpServer.create(new InetSocketAddress(host, port), 0);
        } else {
            HttpsServer https = HttpsServer.create(new InetSocketAddress(host, port), 0);
            https.setHttpsConfigurator(new HttpsConfigurator(tls));
            server = https;
        }
        // Several threads, so one delayed request (a simulated hang) does not hold up the others.
        executor = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, system + "-simulator");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/", this::dispatch);
        server.start();
        String shownHost = "0.0.0.0".equals(host) ? "127.0.0.1" : host;
        baseUrl = (tls == null ? "http://" : "https://") + shownHost + ":" + server.getAddress().getPort();
    }

    public String baseUrl() {
        return baseUrl;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public synchronized void stop() {
        if (server != null) {
            server.stop(0);
            executor.shutdownNow(); // interrupts requests still sleeping in a delay fault
            server = null;
        }
    }

    @Override
    public void close() {
        stop();
    }

    /** Every request to the simulated system so far, oldest first (control calls are not recorded). */
    public List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    public void clearRequests() {
        requests.clear();
    }

    public void injectFault(Fault fault) {
        synchronized (faults) {
            faults.addLast(fault);
        }
    }

    public void clearFaults() {
        synchronized (faults) {
            faults.clear();
        }
    }

    /** Clears requests, faults and recorded writes; seeded tickets stay. */
    public void reset() {
        clearRequests();
        clearFaults();
        clearWrites();
    }

    /** Adds or replaces a ticket from its control-API JSON; returns what was stored. */
    protected abstract Object seed(JsonNode ticket) throws IOException;

    protected abstract void clearTickets();

    /** Comments or work notes received so far. */
    protected abstract List<?> writes();

    protected abstract void clearWrites();

    /** The system's own answer to a request that passed fault injection. */
    protected abstract Reply answer(RecordedRequest request) throws IOException;

    /** The body the system sends with an injected error status. */
    protected abstract Object errorBody(int status);

    /** The body sent with an injected error status for this request; by default {@link #errorBody(int)}. */
    protected Object errorBody(RecordedRequest request, int status) {
        return errorBody(status);
    }

    /**
     * Whether injected faults apply to this request; by default to every request. A fault skipped here stays
     * queued for the next request it applies to.
     */
    protected boolean faultApplies(RecordedRequest request) {
        return true;
    }

    private void dispatch(HttpExchange exchange) throws IOException {
        try (exchange) {
            RecordedRequest request = read(exchange);
            Reply reply = request.path().startsWith(CONTROL) ? control(request) : simulate(request);
            if (reply != null) {
                write(exchange, reply);
            }
        } catch (IOException | RuntimeException e) {
            // The client may have given up (timeout tests); nothing to answer then.
        }
    }

    private Reply simulate(RecordedRequest request) throws IOException {
        requests.add(request);
        Fault fault = faultApplies(request) ? nextFault() : null;
        if (fault != null) {
            if (fault.delayMillis() > 0) {
                try {
                    Thread.sleep(fault.delayMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return null;
                }
            }
            if (fault.status() > 0) {
                return new Reply(fault.status(), fault.body() != null ? fault.body() : errorBody(request, fault.status()),
                        fault.headers());
            }
        }
        return answer(request);
    }

    private Fault nextFault() {
        synchronized (faults) {
            Fault head = faults.pollFirst();
            if (head != null && head.times() > 1) {
                faults.addFirst(head.times(head.times() - 1));
            }
            return head;
        }
    }

    private Reply control(RecordedRequest request) throws IOException {
        String what = request.method() + " " + request.path().substring(CONTROL.length());
        return switch (what) {
            case "GET health" -> new Reply(200, Map.of("status", "up", "system", system));
            case "POST tickets" -> new Reply(201, seed(JSON.readTree(request.body())));
            case "DELETE tickets" -> {
                clearTickets();
                yield new Reply(204, null);
            }
            case "POST faults" -> {
                injectFault(JSON.readValue(request.body(), Fault.class));
                yield new Reply(204, null);
            }
            case "DELETE faults" -> {
                clearFaults();
                yield new Reply(204, null);
            }
            case "GET requests" -> new Reply(200, requests());
            case "DELETE requests" -> {
                clearRequests();
                yield new Reply(204, null);
            }
            case "GET comments" -> new Reply(200, writes());
            case "DELETE comments" -> {
                clearWrites();
                yield new Reply(204, null);
            }
            case "POST reset" -> {
                reset();
                yield new Reply(204, null);
            }
            default -> new Reply(404, Map.of("error", "unknown control call " + what));
        };
    }

    private static RecordedRequest read(HttpExchange exchange) throws IOException {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) ->
                headers.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
        String body;
        try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        return new RecordedRequest(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                exchange.getRequestURI().getRawQuery(), headers, body);
    }

    private static void write(HttpExchange exchange, Reply reply) throws IOException {
        reply.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        byte[] bytes = new byte[0];
        if (reply.body() instanceof String text) {
            bytes = text.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/plain; charset=UTF-8");
        } else if (reply.body() != null) {
            bytes = JSON.writeValueAsBytes(reply.body());
            exchange.getResponseHeaders().add("Content-Type", "application/json;charset=UTF-8");
        }
        exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }
}
