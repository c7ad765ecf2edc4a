package io.keygate.bitlocker.it.support;

import java.nio.file.Path;

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

    @Override
    public KeycloakServerConfigBuilder configure(KeycloakServerConfigBuilder config) {
        config.log().handlers(KeycloakServerConfigBuilder.LogHandlers.CONSOLE, KeycloakServerConfigBuilder.LogHandlers.FILE)
                .categoryLevel("io.keygate", "DEBUG");
        return config
                .dependency(GROUP_ID, "keygate-ticketing-connector", true)
                .dependency(GROUP_ID, "keygate-spi-extension", true)
                .dependency(GROUP_ID, "keygate-themes", true)
                .dependency(GROUP_ID, "keygate-test-providers", true)
                .option("log-file", serverLog().toString())
                .option("metrics-enabled", "true")
                // Ticket write-back every second in tests (30 s by default).
                .spiOption("realm-restapi-extension", "devices", "writeback-interval-seconds", "1")
                .spiOption("realm-restapi-extension", "devices", "writeback-retry-seconds", "1")
                .spiOption("realm-restapi-extension", "devices", "housekeeping-interval-seconds", "1")
                // E-mail outbox every second, the "daily" digest every three seconds.
                .spiOption("realm-restapi-extension", "devices", "mail-interval-seconds", "1")
                .spiOption("realm-restapi-extension", "devices", "digest-interval-seconds", "3")
                // Done outbox rows are removed at once (after 30 days by default).
                .spiOption("realm-restapi-extension", "devices", "outbox-retention-days", "0")
                .spiOption("realm-restapi-extension", "devices", "gauge-interval-seconds", "1");
    }
}
