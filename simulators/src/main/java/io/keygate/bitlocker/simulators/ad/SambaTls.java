package io.keygate.bitlocker.simulators.ad;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The test domain controller's TLS: a test CA and a server certificate for {@value SambaDomain#ADDRESS}
 * (in its IP SAN, since the certificate Samba generates has none), made once with {@code openssl} under
 * {@code target/samba-tls}. Keycloak's truststore gets the CA (see {@link BitLockerServerConfig}), the way an
 * operator trusts an enterprise CA.
 */
public final class SambaTls {

    private static final Path DIR = Path.of("target", "samba-tls").toAbsolutePath();

    private SambaTls() {
    }

    public static synchronized Path caCertificate() {
        Path ca = DIR.resolve("ca.pem");
        if (!Files.exists(DIR.resolve("server.pem"))) {
            make();
        }
        return ca;
    }

    static Path serverCertificate() {
        caCertificate();
        return DIR.resolve("server.pem");
    }

    static Path serverKey() {
        caCertificate();
        return DIR.resolve("server.key");
    }

    private static void make() {
        try {
            Files.createDirectories(DIR);
            Files.writeString(DIR.resolve("server.ext"), "subjectAltName=IP:" + SambaDomain.ADDRESS + ",DNS:dc1.keygate.test\n"
                    + "extendedKeyUsage=serverAuth\nbasicConstraints=CA:FALSE\n");
            run("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem",
                    "-days", "3650", "-subj", "/CN=Keygate Test AD CA", "-addext", "basicConstraints=critical,CA:TRUE",
                    "-addext", "keyUsage=critical,keyCertSign,cRLSign");
            run("openssl", "req", "-newkey", "rsa:2048", "-nodes", "-keyout", "server.key", "-out", "server.csr",
                    "-subj", "/CN=dc1.keygate.test");
            run("openssl", "x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
                    "-out", "server.pem.tmp", "-days", "3650", "-extfile", "server.ext");
            Files.move(DIR.resolve("server.pem.tmp"), DIR.resolve("server.pem"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void run(String... command) throws IOException {
        Process process = new ProcessBuilder(List.of(command)).directory(DIR.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        try {
            if (process.waitFor() != 0) {
                throw new IOException(String.join(" ", command) + " failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }
}
