package io.keygate.bitlocker.simulators.siem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.keygate.bitlocker.simulators.graph.GraphTls;

class SiemSyslogReceiverTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private SyslogReceiver receiver;

    @AfterEach
    void stop() {
        if (receiver != null) {
            receiver.close();
        }
    }

    @ParameterizedTest(name = "tls={0}")
    @ValueSource(booleans = {false, true})
    void receivesSeveralFramesOverOneConnectionSplitAcrossWrites(boolean tls) throws Exception {
        receiver = SyslogReceiver.start(0, tls);
        byte[] stream = concat(
                frame("<86>1 2024-05-01T12:00:00.000Z kc-1 keygate 7 KEY_REVEALED [keygate@32473 user=\"alice\" "
                        + "note=\"a \\\"quoted\\\" \\] bracket\"] \uFEFFshown to älice"),
                frame("<84>1 2024-05-01T12:00:01Z kc-1 keygate 7 KEY_DENIED - denied"),
                frame("<85>1 2024-05-01T12:00:02+02:00 kc-1 keygate 7 HEARTBEAT [a@1 x=\"1\"][b@1 y=\"2\"]"));

        try (Socket client = connect(receiver.port(), tls)) {
            OutputStream out = client.getOutputStream();
            // the first frame is 141 octets ("137 <86>…"): cut inside its MSG-LEN, right after the SP, inside the
            // message, inside the BOM (a multi-byte character), then between the second frame's MSG-LEN and SP
            assertThat(frame("<86>1 2024-05-01T12:00:00.000Z kc-1 keygate 7 KEY_REVEALED [keygate@32473 user=\"alice\" "
                    + "note=\"a \\\"quoted\\\" \\] bracket\"] \uFEFFshown to älice")).hasSize(141);
            int[] cuts = {1, 4, 30, 124, 143, 160, stream.length};
            int from = 0;
            for (int cut : cuts) {
                out.write(stream, from, Math.min(cut, stream.length) - from);
                out.flush();
                from = Math.min(cut, stream.length);
                Thread.sleep(20);
            }

            List<SyslogMessage> messages = receiver.awaitCount(3, WAIT);

            assertThat(messages).extracting(SyslogMessage::msgId)
                    .containsExactly("KEY_REVEALED", "KEY_DENIED", "HEARTBEAT");
            SyslogMessage first = messages.get(0);
            assertThat(first.facility()).isEqualTo(10);
            assertThat(first.severity()).isEqualTo(6);
            assertThat(first.param("keygate@32473", "user")).isEqualTo("alice");
            assertThat(first.param("keygate@32473", "note")).isEqualTo("a \"quoted\" ] bracket");
            assertThat(first.msg()).isEqualTo("shown to älice");
            assertThat(messages.get(1).structuredData()).isEmpty();
            assertThat(messages.get(1).msg()).isEqualTo("denied");
            assertThat(messages.get(2).structuredData()).containsOnlyKeys("a@1", "b@1");
            assertThat(messages.get(2).msg()).isNull();
            assertThat(receiver.await(m -> m.msgId().equals("KEY_DENIED"), WAIT).severity()).isEqualTo(4);
            assertThat(receiver.framingErrors()).isZero();
            assertThat(receiver.parseErrors()).isZero();
        }
    }

    @Test
    void acceptsManyConnections() throws Exception {
        receiver = SyslogReceiver.start(0, false);
        Socket[] clients = new Socket[5];
        try {
            for (int i = 0; i < clients.length; i++) {
                clients[i] = connect(receiver.port(), false);
            }
            for (int i = clients.length - 1; i >= 0; i--) {
                clients[i].getOutputStream().write(frame("<14>1 - host app - M" + i + " - from " + i));
                clients[i].getOutputStream().flush();
            }
            assertThat(receiver.awaitCount(5, WAIT)).extracting(SyslogMessage::msgId)
                    .containsExactlyInAnyOrder("M0", "M1", "M2", "M3", "M4");
            assertThat(receiver.openConnections()).isEqualTo(5);
        } finally {
            for (Socket client : clients) {
                if (client != null) {
                    client.close();
                }
            }
        }
    }

    @Test
    void tlsSpeaksTls12AndTls13WithTheLocalhostCertificate() throws Exception {
        receiver = SyslogReceiver.start(0, true);
        for (String protocol : List.of("TLSv1.2", "TLSv1.3")) {
            try (SSLSocket client = (SSLSocket) connect(receiver.port(), true)) {
                client.setEnabledProtocols(new String[] {protocol});
                client.startHandshake();
                assertThat(client.getSession().getProtocol()).isEqualTo(protocol);
                client.getOutputStream().write(frame("<14>1 - host app - " + protocol + " -"));
                client.getOutputStream().flush();
                receiver.await(m -> m.msgId().equals(protocol), WAIT);
            }
        }
    }

    @Test
    void plainClientOnTlsReceiverIsAHandshakeError() throws Exception {
        receiver = SyslogReceiver.start(0, true);
        try (Socket plain = connect(receiver.port(), false)) {
            plain.getOutputStream().write(frame("<14>1 - host app - PLAIN -"));
            plain.getOutputStream().flush();
            plain.setSoTimeout(5000);
            try {
                while (plain.getInputStream().read() != -1) {
                    // the receiver answers with a TLS alert, then closes
                }
            } catch (IOException expected) {
                // reset
            }
        }
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (receiver.errors().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(receiver.messages()).isEmpty();
        assertThat(receiver.errors()).anySatisfy(error -> assertThat(error).startsWith("TLS handshake failed"));
        assertThat(receiver.framingErrors()).isZero();
    }

    @ParameterizedTest(name = "tls={0}")
    @ValueSource(booleans = {false, true})
    void malformedFrameClosesTheConnectionAndCounts(boolean tls) throws Exception {
        receiver = SyslogReceiver.start(0, tls);
        try (Socket client = connect(receiver.port(), tls)) {
            client.setSoTimeout(5000);
            OutputStream out = client.getOutputStream();
            out.write(frame("<14>1 - host app - GOOD -"));
            // non-transparent framing (LF-terminated), which this receiver does not take
            out.write("<14>1 - host app - BAD -\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();

            assertThat(readUntilClosed(client)).isTrue();
        }
        assertThat(receiver.framingErrors()).isEqualTo(1);
        assertThat(receiver.messages()).extracting(SyslogMessage::msgId).containsExactly("GOOD");
        assertThat(receiver.errors()).singleElement().asString().contains("MSG-LEN");

        // the receiver still takes new connections
        try (Socket client = connect(receiver.port(), tls)) {
            client.getOutputStream().write(frame("<14>1 - host app - AGAIN -"));
            client.getOutputStream().flush();
            receiver.await(m -> m.msgId().equals("AGAIN"), WAIT);
        }
    }

    @Test
    void otherFramingErrors() throws Exception {
        receiver = SyslogReceiver.start(0, false);
        for (String bad : List.of("0 x", "12x", "99999999 ", "5 abc")) { // zero, no SP, too long, cut short
            try (Socket client = connect(receiver.port(), false)) {
                client.setSoTimeout(5000);
                client.getOutputStream().write(bad.getBytes(StandardCharsets.US_ASCII));
                client.getOutputStream().flush();
                if (bad.startsWith("5 ")) {
                    client.shutdownOutput(); // the connection ends inside the frame
                }
                assertThat(readUntilClosed(client)).isTrue();
            }
        }
        assertThat(receiver.framingErrors()).isEqualTo(4);
        assertThat(receiver.messages()).isEmpty();
    }

    @Test
    void wellFramedButNotRfc5424IsAParseErrorAndKeepsTheConnection() throws Exception {
        receiver = SyslogReceiver.start(0, false);
        try (Socket client = connect(receiver.port(), false)) {
            OutputStream out = client.getOutputStream();
            out.write(frame("<34>Oct 11 22:14:15 mymachine su: 'su root' failed")); // RFC 3164
            out.write(frame("<14>1 - host app - AFTER -"));
            out.flush();
            receiver.await(m -> m.msgId().equals("AFTER"), WAIT);
        }
        assertThat(receiver.parseErrors()).isEqualTo(1);
        assertThat(receiver.framingErrors()).isZero();
        assertThat(receiver.messages()).hasSize(1);

        receiver.clear();
        assertThat(receiver.messages()).isEmpty();
        assertThat(receiver.parseErrors()).isZero();
        assertThat(receiver.errors()).isEmpty();
    }

    @ParameterizedTest(name = "tls={0}")
    @ValueSource(booleans = {false, true})
    void stopDropsClientsAndRestartListensOnTheSamePort(boolean tls) throws Exception {
        receiver = SyslogReceiver.start(0, tls);
        int port = receiver.port();
        try (Socket client = connect(port, tls)) {
            client.getOutputStream().write(frame("<14>1 - host app - BEFORE -"));
            client.getOutputStream().flush();
            receiver.await(m -> m.msgId().equals("BEFORE"), WAIT);

            receiver.stop();
            assertThat(receiver.running()).isFalse();

            assertThatThrownBy(() -> {
                for (int i = 0; i < 50; i++) {
                    client.getOutputStream().write(frame("<14>1 - host app - LOST -"));
                    client.getOutputStream().flush();
                    Thread.sleep(20);
                }
            }).isInstanceOf(IOException.class);
        }

        // No probe connects to the freed port here: on loopback a connect to a free port in the ephemeral range can
        // be given that same port as its own (a TCP self-connect), and its TIME_WAIT would then hold the port.
        receiver.restart();
        assertThat(receiver.port()).isEqualTo(port);
        try (Socket client = connect(port, tls)) {
            client.getOutputStream().write(frame("<14>1 - host app - AFTER -"));
            client.getOutputStream().flush();
            receiver.await(m -> m.msgId().equals("AFTER"), WAIT);
        }
        assertThat(receiver.messages()).extracting(SyslogMessage::msgId).containsExactly("BEFORE", "AFTER");
        assertThat(receiver.framingErrors()).isZero();
    }

    @Test
    void awaitFailsWithWhatArrived() {
        receiver = SyslogReceiver.start(0, false);
        assertThatThrownBy(() -> receiver.awaitCount(1, Duration.ofMillis(100)))
                .isInstanceOf(AssertionError.class).hasMessageContaining("expected 1 syslog messages");
        assertThatThrownBy(() -> receiver.await(m -> true, Duration.ofMillis(100)))
                .isInstanceOf(AssertionError.class).hasMessageContaining("no syslog message matched");
    }

    // ---------------------------------------------------------------- helpers

    static byte[] frame(String message) {
        byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
        return concat((bytes.length + " ").getBytes(StandardCharsets.US_ASCII), bytes);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static Socket connect(int port, boolean tls) throws IOException {
        if (!tls) {
            Socket socket = new Socket();
            socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            socket.setTcpNoDelay(true);
            return socket;
        }
        SSLSocket socket = (SSLSocket) GraphTls.clientSslContext().getSocketFactory().createSocket("127.0.0.1", port);
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS"); // the certificate's SAN must name 127.0.0.1
        socket.setSSLParameters(parameters);
        socket.setTcpNoDelay(true);
        return socket;
    }

    /** True once the receiver closed the connection (end of stream or reset). */
    private static boolean readUntilClosed(Socket client) throws IOException {
        try {
            while (client.getInputStream().read() != -1) {
                // nothing is ever sent back
            }
            return true;
        } catch (java.net.SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }
}
