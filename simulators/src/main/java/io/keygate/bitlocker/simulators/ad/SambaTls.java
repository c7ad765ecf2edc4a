package io.keygate.bitlocker.simulators.ad;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A Samba domain controller's TLS: a (test-only) CA and a server certificate for {@value SambaDomain#ADDRESS}
 * (in its IP SAN, since the certificate Samba generates has none), made once with {@code openssl} in a directory
 * of its own. Keycloak's truststore gets the CA, the way an operator trusts an enterprise CA.
 */
public final class SambaTls {

    private static final SambaTls FOR_TESTS = new SambaTls(Path.of("target", "samba-tls"));

    private final Path dir;

    /** The certificates in {@code dir}, made at the first use unless already there (e.g. from the demo's last run). */
    public SambaTls(Path dir) {
        this.dir = dir.toAbsolutePath();
    }

    /** The tests': under {@code target/samba-tls} of the module that runs them. */
    public static SambaTls forTests() {
        return FOR_TESTS;
    }

    public synchronized Path caCertificate() {
        Path ca = dir.resolve("ca.pem");
        if (!Files.exists(dir.resolve("server.pem"))) {
            make();
        }
        return ca;
    }

    Path serverCertificate() {
        caCertificate();
        return dir.resolve("server.pem");
    }

    Path serverKey() {
        caCertificate();
        return dir.resolve("server.key");
    }

    private void make() {
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("server.ext"), "subjectAltName=IP:" + SambaDomain.ADDRESS + ",DNS:dc1.keygate.test\n"
                    + "extendedKeyUsage=serverAuth\nbasicConstraints=CA:FALSE\n");
            run("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem",
                    "-days", "3650", "-subj", "/CN=Keygate Test AD CA", "-addext", "basicConstraints=critical,CA:TRUE",
                    "-addext", "keyUsage=critical,keyCertSign,cRLSign");
            run("openssl", "req", "-newkey", "rsa:2048", "-nodes", "-keyout", "server.key", "-out", "server.csr",
                    "-subj", "/CN=dc1.keygate.test");
            run("openssl", "x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
                    "-out", "server.pem.tmp", "-days", "3650", "-extfile", "server.ext");
            Files.move(dir.resolve("server.pem.tmp"), dir.resolve("server.pem"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void run(String... command) throws IOException {
        Process process = new ProcessBuilder(List.of(command)).directory(dir.toFile()).redirectErrorStream(true).start();
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
