package io.keygate.bitlocker.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.keygate.bitlocker.simulators.ad.SambaTls;
import io.keygate.bitlocker.simulators.graph.GraphTls;

import org.keycloak.testframework.server.KeycloakServerConfig;
import org.keycloak.testframework.server.KeycloakServerConfigBuilder;

/**
 * The real Keycloak distribution with the extension's modules deployed from this build, and a
 * server log file the tests can read (to prove no recovery password ever reaches it).
 */
public class BitLockerServerConfig implements KeycloakServerConfig {

    public static final String GROUP_ID = "io.keygate";

    /** Where the server writes its log during the test run. */
    public static Path serverLog() {
        return Path.of(System.getProperty("bitlocker.it.serverLog", "target/keycloak-server.log")).toAbsolutePath();
    }

    /**
     * The third-party jars that go into {@code providers/} beside the extension (the Graph SDK and
     * azure-identity), as {@code [groupId, artifactId]}, from the list the extension's build writes.
     */
    static List<String[]> bundledDependencies() {
        Path list = Path.of(System.getProperty("bitlocker.it.bundle", "../spi-extension/target/bundled-dependencies.txt"));
        try {
            return Files.readAllLines(list).stream()
                    .map(String::trim)
                    .filter(line -> line.matches("[\\w.-]+:[\\w.-]+:jar:.*"))
                    .map(line -> line.split(":"))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Build the extension first (mvn install): " + list, e);
        }
    }

    @Override
    public KeycloakServerConfigBuilder configure(KeycloakServerConfigBuilder config) {
        config.log().handlers(KeycloakServerConfigBuilder.LogHandlers.CONSOLE, KeycloakServerConfigBuilder.LogHandlers.FILE)
                .categoryLevel("io.keygate", "DEBUG");
        bundledDependencies().forEach(coordinates -> config.dependency(coordinates[0], coordinates[1]));
        // The Graph simulator's certificate, trusted the way an operator trusts a TLS-inspecting proxy's CA.
        Path graphCertificate;
        try {
            graphCertificate = GraphTls.writeServerCertificatePem(Path.of("target", "graph-simulator.pem").toAbsolutePath());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return config
                .dependency(GROUP_ID, "keygate-ticketing-connector", true)
                .dependency(GROUP_ID, "keygate-spi-extension", true)
                .dependency(GROUP_ID, "keygate-themes", true)
                .dependency(GROUP_ID, "keygate-test-providers", true)
                .option("log-file", serverLog().toString())
                .option("metrics-enabled", "true")
                // And the test domain controller's CA (SambaTls), as an operator trusts the enterprise CA of AD's LDAPS.
                .option("truststore-paths", graphCertificate + "," + SambaTls.forTests().caCertificate())
                // The Entra ID sync looks every second and runs when a test asks (admin "sync now").
                .spiOption("realm-restapi-extension", "devices", "entra-sync-check-seconds", "1")
                .spiOption("realm-restapi-extension", "devices", "entra-sync-retry-seconds", "1")
                .spiOption("realm-restapi-extension", "devices", "entra-sync-interval-seconds", "86400")
                // Ticket write-back every second in tests (30 s by default).
                .spiOption("realm-restapi-extension", "devices", "writeback-interval-seconds", "1")
                .spiOption("realm-restapi-extension", "devices", "writeback-retry-seconds", "1")
                .spiOption("realm-restapi-extension", "devices", "housekeeping-interval-seconds", "1")
                // E-mail outbox every second, the "daily" digest every three seconds.
                .spiOption("realm-restapi-extension", "devices", "mail-interval-seconds", "1")
                .spiOption("realm-restapi-extension", "devices", "digest-interval-seconds", "3")
                // Done outbox rows are removed at once (after 30 days by default).
                .spiOption("realm-restapi-extension", "devices", "outbox-retention-days", "0")
                .spiOption("realm-restapi-extension", "devices", "gauge-interval-seconds", "1")
                .spiOption("realm-restapi-extension", "devices", "approval-expiry-seconds", "1")
                // Campaigns: their task every second; their ticket checked at most every 3 s and commented on at most
                // every 15 s (a minute and an hour in production).
                .spiOption("realm-restapi-extension", "devices", "campaign-check-seconds", "1")
                .spiOption("realm-restapi-extension", "devices", "campaign-ticket-check-seconds", "3")
                .spiOption("realm-restapi-extension", "devices", "campaign-comment-seconds", "15")
                .spiOption("realm-restapi-extension", "devices", "forwarding-interval-seconds", "1")
                .spiOption("realm-restapi-extension", "devices", "forwarding-retry-seconds", "1");
    }
}
