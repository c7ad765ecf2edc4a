package io.keygate.bitlocker.it.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.keygate.bitlocker.it.support.Api;
import io.keygate.bitlocker.it.support.BitLockerServerConfig;
import io.keygate.bitlocker.it.support.BrowserLogin;
import io.keygate.bitlocker.it.support.Eventually;
import io.keygate.bitlocker.it.support.Fleet;
import io.keygate.bitlocker.it.support.Realms;
import io.keygate.bitlocker.it.support.ServerMetrics;
import io.keygate.bitlocker.it.support.TestRealm;
import org.junit.jupiter.api.Test;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;

/**
 * The Grafana dashboard and the Prometheus alert rules the release archive ships (distribution/src/monitoring) read
 * only metrics a running server exports: an operator whose ticketing system, SIEM and Entra ID are all down, who
 * uses break-glass, sees every panel and every alert's expression fed. A renamed meter fails here.
 */
@KeycloakIntegrationTest(config = BitLockerServerConfig.class)
class MonitoringTest {

    private static final Path MONITORING = Path.of(System.getProperty("bitlocker.it.monitoring", "../distribution/src/monitoring"));
    private static final Pattern METRIC = Pattern.compile("\\bbitlocker_[a-z0-9_]+");
    private static final String REASON = "Ticketing system down, user locked out at a customer site";

    @InjectRealm(config = TestRealm.class)
    ManagedRealm realm;

    @InjectRealm(ref = "synced", config = TestRealm.class)
    ManagedRealm synced;

    @Test
    void everyMetricOfTheDashboardAndTheAlertRulesIsExported() throws IOException {
        String nowhere = "127.0.0.1:" + closedPort();
        Realms.configure(realm.getName(), "{\"enabled\":true,\"local\":{\"kek\":\"" + Fleet.KEK + "\"},"
                + "\"rotation\":{\"afterReveal\":false},"
                + "\"ticketing\":{\"system\":\"jira\",\"apiVersion\":\"3\",\"baseUrl\":\"http://" + nowhere + "\","
                + "\"username\":\"helpdesk-bot@example.test\",\"token\":\"api-token\",\"breakGlass\":true},"
                + "\"forwarding\":{\"syslog\":{\"enabled\":true,\"host\":\"127.0.0.1\",\"port\":" + closedPort() + ",\"tls\":false}}}");
        // A metadata sync that cannot sign in: an http authority, which the Azure client refuses at once. (An https one
        // that does not answer keeps each retry RUNNING through the client's own retries, seconds long, and the tests'
        // 1 s retry interval then leaves the state FAILED only between them: the gauge could miss it.)
        Realms.configure(synced.getName(), "{\"enabled\":true,\"keySource\":\"entra\",\"entra\":{"
                + "\"tenantId\":\"7d9c1e2a-0000-4000-8000-00000000e1a0\",\"clientId\":\"0c4f6b1e-0000-4000-8000-0000000000c1\","
                + "\"clientSecret\":\"entra-test-secret\",\"authorityHost\":\"http://" + nowhere + "/\","
                + "\"graphBaseUrl\":\"https://" + nowhere + "\",\"ownerAttribute\":\"email\"}}");
        Fleet.Device device = Fleet.escrow(realm.getName(), "MONITORED-PC", null);
        String reveal = Api.bitlocker(realm.getName()) + "/keys/" + device.deviceId() + "/reveal";

        Api.Reply unchecked = Api.post(reveal, Api.JSON.createObjectNode().put("ticket", "ITSM-1").toString())
                .bearer(BrowserLogin.cachedStepUpToken(realm, TestRealm.HELPDESK)).send();
        assertThat(unchecked.code()).as(unchecked.toString()).isEqualTo("ticketing_unavailable");
        Api.Reply breakGlass = Api.post(reveal, Api.JSON.createObjectNode().put("breakGlass", true).put("reason", REASON).toString())
                .bearer(BrowserLogin.cachedStepUpToken(realm, TestRealm.ADMIN)).send();
        assertThat(breakGlass.status()).as(breakGlass.toString()).isEqualTo(200);

        Set<String> used = metricsUsed();
        // The files were read: each alert's and the main panels' metrics are among them.
        assertThat(used).contains("bitlocker_reveals_total", "bitlocker_devices", "bitlocker_sync_state",
                "bitlocker_audit_forwarding_lag", "bitlocker_ticket_check_seconds_count", "bitlocker_break_glass_releases_total");
        // Gauges are refreshed in the background (every second in the tests): the sync and forwarding fail first.
        String syncedRealm = "realm=\"" + synced.getName() + "\"";
        ServerMetrics metrics = Eventually.await(ServerMetrics::scrape, m -> m.names().containsAll(used)
                && m.value("bitlocker_sync_state", syncedRealm, "state=\"FAILED\"") == 1.0, 30);
        assertThat(metrics.names()).as("metrics a running server exports").containsAll(used);
        assertThat(metrics.value("bitlocker_sync_state", syncedRealm, "state=\"FAILED\"")).isEqualTo(1.0);
        assertThat(metrics.value("bitlocker_break_glass_releases_total")).isGreaterThanOrEqualTo(1.0);
    }

    /** Every metric name in the dashboard's queries and in the alert rules' expressions. */
    private static Set<String> metricsUsed() throws IOException {
        Set<String> names = new TreeSet<>();
        JsonNode dashboard = new ObjectMapper().readTree(MONITORING.resolve("grafana/bitlocker-keygate-dashboard.json").toFile());
        dashboard.findValues("expr").forEach(expr -> collect(expr.asText(), names));
        dashboard.path("templating").findValues("definition").forEach(query -> collect(query.asText(), names));
        JsonNode rules = new ObjectMapper(new YAMLFactory()).readTree(MONITORING.resolve("prometheus/bitlocker-keygate-alerts.yml").toFile());
        rules.path("groups").forEach(group -> group.path("rules").forEach(rule -> collect(rule.path("expr").asText(), names)));
        return names;
    }

    private static void collect(String expression, Set<String> names) {
        Matcher m = METRIC.matcher(expression);
        while (m.find()) {
            names.add(m.group());
        }
    }

    /** A port nothing listens on: the ticketing system, the SIEM and Entra ID are down. */
    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
