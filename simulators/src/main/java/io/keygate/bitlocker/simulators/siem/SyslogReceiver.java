package io.keygate.bitlocker.simulators.siem;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

import io.keygate.bitlocker.simulators.graph.GraphTls;

/**
 * A SIEM's syslog collector: RFC 5424 messages over TCP with RFC 6587 octet-counting framing
 * ({@code MSG-LEN SP SYSLOG-MSG}), optionally over TLS (RFC 5425, TLS 1.2/1.3 with the committed
 * {@link GraphTls#serverSslContext() localhost certificate}). Listens on 127.0.0.1 and takes any number of
 * connections, each read by its own thread.
 * <p>
 * A frame that is not well-formed (no decimal MSG-LEN, a missing SP, a length above {@link #MAX_FRAME_OCTETS},
 * or the connection ending inside a frame) closes that connection and counts as a {@link #framingErrors()
 * framing error}. A well-formed frame whose message is not RFC 5424 keeps the connection open and counts as a
 * {@link #parseErrors() parse error}; {@link #errors()} says what was wrong either way.
 * <p>
 * {@link #stop()} drops the listening socket and every open connection at once (with a TCP reset, so a client's
 * next write fails), like a collector going down; {@link #restart()} listens again on the same port. Received
 * messages survive both.
 */
public final class SyslogReceiver implements AutoCloseable {

    /** The longest frame accepted (1 MiB); longer MSG-LENs are framing errors. */
    public static final int MAX_FRAME_OCTETS = 1024 * 1024;

    private static final String[] TLS_PROTOCOLS = {"TLSv1.3", "TLSv1.2"};
    private static final Pattern TIMESTAMP = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,6})?(Z|[+-]\\d{2}:\\d{2})");

    private final boolean tls;
    private final SSLSocketFactory tlsSockets;
    private final Object lock = new Object();
    private final List<SyslogMessage> messages = new ArrayList<>();
    private final List<String> errors = new ArrayList<>();
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
    private final AtomicInteger connectionCounter = new AtomicInteger();
    private int framingErrors;
    private int parseErrors;
    private int port;
    private ServerSocket server;

    private SyslogReceiver(boolean tls) {
        this.tls = tls;
        this.tlsSockets = tls ? GraphTls.serverSslContext().getSocketFactory() : null;
    }

    /**
     * Listens on 127.0.0.1:{@code port} (0 picks a free port); with {@code tls}, speaks TLS 1.2/1.3 with the
     * committed certificate for CN=localhost, SAN 127.0.0.1 ({@link GraphTls#clientSslContext()} trusts it).
     *
     * @throws UncheckedIOException when the port cannot be bound
     */
    public static SyslogReceiver start(int port, boolean tls) {
        SyslogReceiver receiver = new SyslogReceiver(tls);
        receiver.listen(port);
        return receiver;
    }

    /** The port listened on (still the same after {@link #stop()}, for {@link #restart()}). */
    public int port() {
        return port;
    }

    public boolean tls() {
        return tls;
    }

    public boolean running() {
        synchronized (this) {
            return server != null;
        }
    }

    /** Connections open right now. */
    public int openConnections() {
        return connections.size();
    }

    /**
     * Closes the listening socket and every open connection at once (abortively, with a TCP reset); no-op when
     * already stopped.
     */
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        try {
            server.close();
        } catch (IOException ignored) {
            // going down anyway
        }
        server = null;
        for (Socket connection : List.copyOf(connections)) {
            abort(connection);
        }
        connections.clear();
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

    /** Every message received so far, in arrival order (a snapshot). */
    public List<SyslogMessage> messages() {
        synchronized (lock) {
            return List.copyOf(messages);
        }
    }

    /** Forgets the messages, the errors and their counts. */
    public void clear() {
        synchronized (lock) {
            messages.clear();
            errors.clear();
            framingErrors = 0;
            parseErrors = 0;
        }
    }

    /** Frames that were not well-formed (each closed its connection). */
    public int framingErrors() {
        synchronized (lock) {
            return framingErrors;
        }
    }

    /** Well-formed frames whose message was not RFC 5424 (not recorded as messages). */
    public int parseErrors() {
        synchronized (lock) {
            return parseErrors;
        }
    }

    /** What went wrong so far — framing, parse and TLS handshake errors — oldest first. */
    public List<String> errors() {
        synchronized (lock) {
            return List.copyOf(errors);
        }
    }

    /**
     * The first message (already received or arriving within {@code timeout}) that matches.
     *
     * @throws AssertionError when none matches in time
     */
    public SyslogMessage await(Predicate<SyslogMessage> matching, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (true) {
                for (SyslogMessage message : messages) {
                    if (matching.test(message)) {
                        return message;
                    }
                }
                waitUntil(deadline, () -> "no syslog message matched within " + timeout + "; received "
                        + messages.size() + ": " + messages.stream().map(SyslogMessage::raw).toList()
                        + "; errors: " + errors);
            }
        }
    }

    /**
     * Waits until at least {@code count} messages arrived and returns them all (arrival order).
     *
     * @throws AssertionError when fewer arrived in time
     */
    public List<SyslogMessage> awaitCount(int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (messages.size() < count) {
                waitUntil(deadline, () -> "expected " + count + " syslog messages within " + timeout + " but got "
                        + messages.size() + ": " + messages.stream().map(SyslogMessage::raw).toList()
                        + "; errors: " + errors);
            }
            return List.copyOf(messages);
        }
    }

    /** Waits on {@link #lock} (held) until notified; throws the described AssertionError past the deadline. */
    private void waitUntil(long deadline, java.util.function.Supplier<String> failure) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            throw new AssertionError(failure.get());
        }
        try {
            lock.wait(Math.max(1, left / 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for syslog messages", e);
        }
    }

    // ---------------------------------------------------------------- network

    private void listen(int wanted) {
        try {
            ServerSocket socket = bind(wanted);
            server = socket;
            port = socket.getLocalPort();
            Thread acceptor = new Thread(() -> accept(socket), "syslog-receiver-" + port);
            acceptor.setDaemon(true);
            acceptor.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on 127.0.0.1:" + wanted, e);
        }
    }

    /** Binds the port; a fixed port (a restart) is tried again for a few seconds while the old connections wind down. */
    private static ServerSocket bind(int wanted) throws IOException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (true) {
            ServerSocket socket = new ServerSocket();
            socket.setReuseAddress(true);
            try {
                socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), wanted), 50);
                return socket;
            } catch (BindException e) {
                socket.close();
                if (wanted == 0 || System.nanoTime() > deadline) {
                    throw e;
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private void accept(ServerSocket socket) {
        while (!socket.isClosed()) {
            Socket raw;
            try {
                raw = socket.accept();
            } catch (IOException e) {
                return; // closed by stop()
            }
            synchronized (this) {
                if (server != socket) { // stopped meanwhile
                    abort(raw);
                    return;
                }
                connections.add(raw);
            }
            Thread reader = new Thread(() -> serve(raw),
                    "syslog-receiver-" + port + "-conn-" + connectionCounter.incrementAndGet());
            reader.setDaemon(true);
            reader.start();
        }
    }

    private void serve(Socket raw) {
        Socket socket = raw;
        try {
            if (tls) {
                SSLSocket secure = (SSLSocket) tlsSockets.createSocket(raw, null, true);
                secure.setUseClientMode(false);
                List<String> supported = Arrays.asList(secure.getSupportedProtocols());
                secure.setEnabledProtocols(Arrays.stream(TLS_PROTOCOLS).filter(supported::contains)
                        .toArray(String[]::new));
                socket = secure;
                try {
                    secure.startHandshake();
                } catch (IOException e) {
                    if (connections.contains(raw)) {
                        error(false, false, "TLS handshake failed: " + e.getMessage());
                    }
                    return;
                }
            }
            read(new BufferedInputStream(socket.getInputStream()), raw);
        } catch (IOException e) {
            // closed by stop() or reset by the client: nothing to record
        } finally {
            connections.remove(raw);
            try {
                socket.close();
            } catch (IOException ignored) {
                // already gone
            }
        }
    }

    /** Reads frames until a clean end of stream; returns on a framing error after recording it. */
    private void read(InputStream in, Socket raw) throws IOException {
        while (true) {
            int first = in.read();
            if (first == -1) {
                return; // the client closed between frames
            }
            long length;
            if (first < '1' || first > '9') {
                error(true, false, "frame must start with MSG-LEN (a non-zero digit), got " + describe(first));
                return;
            }
            length = first - '0';
            while (true) {
                int next = in.read();
                if (next == ' ') {
                    break;
                }
                if (next == -1) {
                    error(true, false, "connection ended inside MSG-LEN");
                    return;
                }
                if (next < '0' || next > '9') {
                    error(true, false, "MSG-LEN must be decimal digits followed by SP, got " + describe(next));
                    return;
                }
                length = length * 10 + (next - '0');
                if (length > MAX_FRAME_OCTETS) {
                    error(true, false, "MSG-LEN above " + MAX_FRAME_OCTETS + " octets");
                    return;
                }
            }
            byte[] frame = in.readNBytes((int) length);
            if (frame.length < length) {
                if (connections.contains(raw)) {
                    error(true, false, "connection ended after " + frame.length + " of " + length + " octets");
                }
                return;
            }
            if (!connections.contains(raw)) {
                return; // read after stop(): a stopped receiver takes nothing
            }
            String text = new String(frame, StandardCharsets.UTF_8);
            try {
                SyslogMessage message = parse(text);
                synchronized (lock) {
                    messages.add(message);
                    lock.notifyAll();
                }
            } catch (IllegalArgumentException e) {
                error(false, true, e.getMessage() + ": " + text);
            }
        }
    }

    private void error(boolean framing, boolean parse, String what) {
        synchronized (lock) {
            if (framing) {
                framingErrors++;
            }
            if (parse) {
                parseErrors++;
            }
            errors.add(what);
            lock.notifyAll();
        }
    }

    private static String describe(int octet) {
        return octet >= 0x21 && octet <= 0x7e ? "'" + (char) octet + "'" : String.format("0x%02x", octet);
    }

    private static void abort(Socket socket) {
        try {
            socket.setSoLinger(true, 0); // reset, not an orderly close: the client sees the collector vanish
        } catch (IOException ignored) {
            // closing anyway
        }
        try {
            socket.close();
        } catch (IOException ignored) {
            // already gone
        }
    }

    // ---------------------------------------------------------------- RFC 5424

    /**
     * Parses one RFC 5424 SYSLOG-MSG (without framing): {@code <PRI>VERSION SP TIMESTAMP SP HOSTNAME SP APP-NAME
     * SP PROCID SP MSGID SP STRUCTURED-DATA [SP MSG]}. Checks PRI (0..191), the header field lengths and
     * characters, the RFC 3339 form of TIMESTAMP and the SD syntax; resolves the {@code \" \\ \]} escapes of
     * PARAM-VALUEs (a backslash before any other character stays, as RFC 5424 6.3.3 says); a repeated SD-PARAM
     * keeps its last value. A MSG starting with a BOM (U+FEFF) is returned without it; no MSG gives null.
     *
     * @throws IllegalArgumentException saying where the message is not RFC 5424
     */
    public static SyslogMessage parse(String raw) {
        return new Parser(raw).message();
    }

    private static final class Parser {
        private final String text;
        private int at;

        Parser(String text) {
            if (text == null) {
                throw new IllegalArgumentException("no syslog message");
            }
            this.text = text;
        }

        SyslogMessage message() {
            expect('<', "PRI");
            int priStart = at;
            while (at < text.length() && isDigit(text.charAt(at)) && at - priStart < 3) {
                at++;
            }
            String priText = text.substring(priStart, at);
            if (priText.isEmpty() || (priText.length() > 1 && priText.charAt(0) == '0')) {
                throw fail("PRI must be 1 to 3 digits without leading zeros");
            }
            int pri = Integer.parseInt(priText);
            if (pri > 191) {
                throw fail("PRI " + pri + " above 191");
            }
            expect('>', "PRI");
            int versionStart = at;
            while (at < text.length() && isDigit(text.charAt(at)) && at - versionStart < 3) {
                at++;
            }
            String versionText = text.substring(versionStart, at);
            if (versionText.isEmpty() || versionText.charAt(0) == '0') {
                throw fail("VERSION must be a non-zero number of 1 to 3 digits");
            }
            int version = Integer.parseInt(versionText);
            expect(' ', "SP after VERSION");
            String timestamp = token("TIMESTAMP", 64);
            if (!"-".equals(timestamp) && !TIMESTAMP.matcher(timestamp).matches()) {
                throw fail("TIMESTAMP '" + timestamp + "' is neither '-' nor RFC 3339 (e.g. 2024-05-01T12:00:00.000Z)");
            }
            expect(' ', "SP after TIMESTAMP");
            String hostname = token("HOSTNAME", 255);
            expect(' ', "SP after HOSTNAME");
            String appName = token("APP-NAME", 48);
            expect(' ', "SP after APP-NAME");
            String procId = token("PROCID", 128);
            expect(' ', "SP after PROCID");
            String msgId = token("MSGID", 32);
            expect(' ', "SP after MSGID");
            Map<String, Map<String, String>> structuredData = structuredData();
            String msg = null;
            if (at < text.length()) {
                expect(' ', "SP before MSG");
                msg = text.substring(at);
                if (msg.startsWith("\uFEFF")) {
                    msg = msg.substring(1);
                }
            }
            return new SyslogMessage(pri / 8, pri % 8, version, timestamp, hostname, appName, procId, msgId,
                    structuredData, msg, text);
        }

        private Map<String, Map<String, String>> structuredData() {
            Map<String, Map<String, String>> elements = new LinkedHashMap<>();
            if (at < text.length() && text.charAt(at) == '-') {
                at++;
                if (at < text.length() && text.charAt(at) != ' ') {
                    throw fail("STRUCTURED-DATA '-' must be followed by SP or the end");
                }
                return elements;
            }
            if (at >= text.length() || text.charAt(at) != '[') {
                throw fail("STRUCTURED-DATA must be '-' or start with '['");
            }
            while (at < text.length() && text.charAt(at) == '[') {
                at++;
                String id = sdName("SD-ID");
                if (elements.containsKey(id)) {
                    throw fail("SD-ID " + id + " appears twice");
                }
                Map<String, String> params = new LinkedHashMap<>();
                while (at < text.length() && text.charAt(at) == ' ') {
                    at++;
                    String name = sdName("PARAM-NAME");
                    expect('=', "'=' after PARAM-NAME " + name);
                    expect('"', "'\"' opening the value of " + name);
                    params.put(name, value(name));
                }
                expect(']', "']' closing SD element " + id);
                elements.put(id, params);
            }
            return elements;
        }

        private String value(String name) {
            StringBuilder value = new StringBuilder();
            while (true) {
                if (at >= text.length()) {
                    throw fail("PARAM-VALUE of " + name + " is not closed by '\"'");
                }
                char c = text.charAt(at++);
                if (c == '"') {
                    return value.toString();
                }
                if (c == ']') {
                    throw fail("']' inside the PARAM-VALUE of " + name + " must be escaped");
                }
                if (c == '\\' && at < text.length()) {
                    char escaped = text.charAt(at);
                    if (escaped == '"' || escaped == '\\' || escaped == ']') {
                        value.append(escaped);
                        at++;
                        continue;
                    }
                }
                value.append(c);
            }
        }

        private String sdName(String what) {
            int start = at;
            while (at < text.length()) {
                char c = text.charAt(at);
                if (c == '=' || c == ' ' || c == ']' || c == '"') {
                    break;
                }
                if (c < 33 || c > 126) {
                    throw fail(what + " must be printable US-ASCII");
                }
                at++;
            }
            int length = at - start;
            if (length < 1 || length > 32) {
                throw fail(what + " must be 1 to 32 characters");
            }
            return text.substring(start, at);
        }

        private String token(String what, int max) {
            int start = at;
            while (at < text.length() && text.charAt(at) != ' ') {
                char c = text.charAt(at);
                if (c < 33 || c > 126) {
                    throw fail(what + " must be printable US-ASCII");
                }
                at++;
            }
            int length = at - start;
            if (length < 1 || length > max) {
                throw fail(what + " must be 1 to " + max + " characters (or '-')");
            }
            return text.substring(start, at);
        }

        private void expect(char c, String what) {
            if (at >= text.length() || text.charAt(at) != c) {
                throw fail("expected " + what);
            }
            at++;
        }

        private static boolean isDigit(char c) {
            return c >= '0' && c <= '9';
        }

        private IllegalArgumentException fail(String why) {
            return new IllegalArgumentException("not RFC 5424 at offset " + at + ": " + why);
        }
    }
}
