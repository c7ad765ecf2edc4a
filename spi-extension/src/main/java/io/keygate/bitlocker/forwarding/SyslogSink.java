package io.keygate.bitlocker.forwarding;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import java.util.function.LongConsumer;

import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

import io.keygate.bitlocker.config.ConfigRules;
import io.keygate.bitlocker.model.AuditEntry;
import io.keygate.bitlocker.outbound.KeycloakTrust;
import org.keycloak.models.KeycloakSession;

/**
 * Syslog over TCP (RFC 6587 octet counting), with TLS as RFC 5425 asks (the receiver's certificate checked
 * against Keycloak's truststore and its host name). One connection per batch: what was written and flushed
 * before the connection failed counts as sent, so an entry may arrive twice after a failure, never not at all.
 */
final class SyslogSink implements AuditSink {

    static final int CONNECT_TIMEOUT_MILLIS = 3000;
    static final int WRITE_TIMEOUT_MILLIS = 5000;

    private final KeycloakSession session;
    private final String host;
    private final int port;
    private final boolean tls;

    SyslogSink(KeycloakSession session, String host, int port, boolean tls) {
        this.session = session;
        this.host = host;
        this.port = port;
        this.tls = tls;
    }

    @Override
    public String id() {
        return "syslog";
    }

    @Override
    public String describe() {
        return "syslog " + (tls ? "tls://" : "tcp://") + host + ":" + port;
    }

    @Override
    public void deliver(String realmName, List<AuditEntry> entries, LongConsumer delivered) throws IOException {
        try (Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            for (AuditEntry entry : entries) {
                out.write(AuditMessages.syslogFrame(realmName, entry));
            }
            out.flush();
            // The frames are with the receiver's TCP stack; a receiver that closed on us fails the flush above.
            entries.forEach(e -> delivered.accept(e.seq()));
        }
    }

    private Socket connect() throws IOException {
        if (!tls && !ConfigRules.isLoopback(host)) {
            // A document stored before the rule (SPEC §8) may still ask for it: fail, and be audited as an outage.
            throw new IOException("plain syslog is sent only to a loopback address; enable 'tls' for " + host);
        }
        Socket plain = new Socket();
        plain.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MILLIS);
        plain.setSoTimeout(WRITE_TIMEOUT_MILLIS);
        if (!tls) {
            return plain;
        }
        SSLSocket secure = (SSLSocket) KeycloakTrust.sslContext(session).getSocketFactory()
                .createSocket(plain, host, port, true);
        SSLParameters parameters = secure.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        secure.setSSLParameters(parameters);
        secure.startHandshake();
        return secure;
    }
}
