package io.keygate.bitlocker.it.forwarding;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.keygate.bitlocker.it.support.Api;
import io.keygate.bitlocker.it.support.AuditChain;
import io.keygate.bitlocker.it.support.Eventually;
import io.keygate.bitlocker.it.support.Fleet;
import io.keygate.bitlocker.it.support.KeycloakNode;
import io.keygate.bitlocker.it.support.Tokens;
import io.keygate.bitlocker.simulators.graph.GraphTls;
import io.keygate.bitlocker.simulators.siem.SyslogReceiver;
import io.keygate.bitlocker.simulators.siem.WebhookReceiver;
import org.junit.jupiter.api.Test;

/**
 * SPEC §12 across a restart: a Keycloak node of its own (the shared test server cannot restart in the
 * middle of a test) forwards to a syslog receiver over TLS and a signed webhook; both receivers go
 * down, entries pile up, Keycloak is stopped and started again, the receivers come back — and each
 * receiver holds every entry of the chain once, in order, delivered from the cursor in the database.
 */
class ForwardingAcrossRestartTest {

    private static final String REALM = "restart";
    private static final String AUDITOR = "audra.auditor";
    private static final String PASSWORD = "Passw0rd!";
    private static final String SECRET = "siem-hmac-secret";
    private static final String CLIENT = "siem-tests";
    private static final String DEVICES = "--spi-realm-restapi-extension--devices--";

    private KeycloakNode node;
    private SyslogReceiver syslog;
    private WebhookReceiver webhook;

    @Test
    void everyEntryArrivesOnceInOrderAcrossAReceiverOutageAndAKeycloakRestart() throws IOException {
        Path trust = Files.createDirectories(Path.of("target", "nodes").toAbsolutePath()).resolve("siem-receiver.pem");
        GraphTls.writeServerCertificatePem(trust);
        syslog = SyslogReceiver.start(0, true);
        webhook = WebhookReceiver.start(0, SECRET);
        node = KeycloakNode.install("restart", 8180, 9180, List.of("--truststore-paths=" + trust,
                DEVICES + "forwarding-interval-seconds=1", DEVICES + "forwarding-retry-seconds=1"));
        try {
            node.start();
            createRealm();
            checkpoints(3);
            List<String> before = awaitBothHoldTheChain();
            assertThat(before).hasSizeGreaterThanOrEqualTo(4);

            // Both receivers go down; entries pile up; Keycloak restarts while they are down.
            syslog.stop();
            webhook.down(true);
            checkpoints(3);
            node.stop();
            syslog.restart();
            webhook.down(false);
            node.start();
            checkpoints(2);

            List<String> after = awaitBothHoldTheChain();
            assertThat(after).startsWith(before.toArray(String[]::new)).hasSizeGreaterThanOrEqualTo(before.size() + 5);
            assertThat(after).doesNotHaveDuplicates();
            assertThat(webhook.replayed()).as("the receiver drops repeated IDs: none came twice").isEmpty();
            assertThat(webhook.rejected()).as("every delivery was signed with the secret").isZero();
        } finally {
            node.close();
            syslog.close();
            webhook.close();
        }
    }

    private String api() {
        return node.baseUrl() + "/realms/" + REALM + "/devices/security/bitlocker";
    }

    private String admin() {
        return Tokens.password(node.baseUrl(), "master", "admin-cli", "admin", "admin");
    }

    private String auditor() {
        return Tokens.password(node.baseUrl(), REALM, CLIENT, AUDITOR, PASSWORD);
    }

    /** A realm with one auditor, the extension on, both sinks enabled (as the realm's administrator would). */
    private void createRealm() {
        String realm = "{\"realm\":\"" + REALM + "\",\"enabled\":true,"
                + "\"clients\":[{\"clientId\":\"" + CLIENT + "\",\"publicClient\":true,\"directAccessGrantsEnabled\":true,"
                + "\"fullScopeAllowed\":true}],\"users\":[{\"username\":\"" + AUDITOR + "\","
                + "\"enabled\":true,\"firstName\":\"Audra\",\"lastName\":\"Auditor\",\"email\":\"audra@example.test\","
                + "\"emailVerified\":true,\"credentials\":[{\"type\":\"password\",\"value\":\"" + PASSWORD + "\",\"temporary\":false}]}]}";
        Api.Reply created = Api.post(node.baseUrl() + "/admin/realms", realm).bearer(admin()).send();
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        Api.Reply configured = Api.put(node.baseUrl() + "/admin/realms/" + REALM + "/bitlocker/config",
                "{\"enabled\":true,\"local\":{\"kek\":\"" + Fleet.KEK + "\"},\"access\":{\"clients\":[\"" + CLIENT + "\"]},"
                        + "\"forwarding\":{"
                        + "\"syslog\":{\"enabled\":true,\"host\":\"127.0.0.1\",\"port\":" + syslog.port() + ",\"tls\":true},"
                        + "\"webhook\":{\"enabled\":true,\"url\":\"" + webhook.url() + "\",\"secret\":\"" + SECRET + "\"}}}")
                .bearer(admin()).send();
        assertThat(configured.status()).as(configured.toString()).isEqualTo(200);
        String userId = Api.get(node.baseUrl() + "/admin/realms/" + REALM + "/users?exact=true&username=" + AUDITOR)
                .bearer(admin()).send().json().get(0).path("id").asText();
        JsonNode role = Api.get(node.baseUrl() + "/admin/realms/" + REALM + "/roles/bitlocker-auditor").bearer(admin()).send().json();
        Api.Reply granted = Api.post(node.baseUrl() + "/admin/realms/" + REALM + "/users/" + userId + "/role-mappings/realm",
                "[" + role + "]").bearer(admin()).send();
        assertThat(granted.status()).as(granted.toString()).isEqualTo(204);
    }

    /** Each checkpoint an auditor takes is an audit entry (AUDIT_CHECKPOINT). */
    private void checkpoints(int count) {
        String token = auditor();
        for (int i = 0; i < count; i++) {
            Api.Reply reply = Api.get(api() + "/keys/audit/checkpoint").bearer(token).send();
            assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        }
    }

    /** The realm's log in chain order. */
    private List<String> chainIds() {
        return AuditChain.ids(api(), auditor());
    }

    private List<String> syslogIds() {
        return syslog.messages().stream().filter(m -> REALM.equals(m.param("keygate@32473", "realm")))
                .map(m -> m.param("keygate@32473", "id")).toList();
    }

    private List<String> webhookIds() {
        return webhook.entries().stream().map(e -> e.path("id").asText()).toList();
    }

    private List<String> awaitBothHoldTheChain() {
        List<String> chain = Eventually.await(this::chainIds, ids -> ids.equals(syslogIds()) && ids.equals(webhookIds()), 90);
        assertThat(syslogIds()).as("syslog").containsExactlyElementsOf(chain);
        assertThat(webhookIds()).as("webhook").containsExactlyElementsOf(chain);
        return chain;
    }
}
