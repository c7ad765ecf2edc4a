package io.keygate.bitlocker.it.forwarding;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.keygate.bitlocker.it.support.Api;
import io.keygate.bitlocker.it.support.AuditChain;
import io.keygate.bitlocker.it.support.BitLockerServerConfig;
import io.keygate.bitlocker.it.support.BrowserLogin;
import io.keygate.bitlocker.it.support.Eventually;
import io.keygate.bitlocker.it.support.Fleet;
import io.keygate.bitlocker.it.support.Realms;
import io.keygate.bitlocker.it.support.ServerMetrics;
import io.keygate.bitlocker.it.support.TestRealm;
import io.keygate.bitlocker.it.support.Tokens;
import io.keygate.bitlocker.simulators.siem.SyslogMessage;
import io.keygate.bitlocker.simulators.siem.SyslogReceiver;
import io.keygate.bitlocker.simulators.siem.WebhookDelivery;
import io.keygate.bitlocker.simulators.siem.WebhookReceiver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;

/**
 * Audit forwarding (SPEC §12) to a syslog receiver over TLS (its certificate in Keycloak's truststore) and
 * a signed webhook, both on loopback: every entry once, in chain order, across an outage of both
 * receivers — during which a release is neither slowed nor refused, and the outage is audited once.
 */
@KeycloakIntegrationTest(config = BitLockerServerConfig.class)
class AuditForwardingTest {

    private static final String SECRET = "siem-hmac-secret";
    private static final String REASON = "Laptop locked at the airport, service desk unreachable";
    private static SyslogReceiver syslog;
    private static WebhookReceiver webhook;

    @InjectRealm(config = TestRealm.class, ref = "forwarding")
    ManagedRealm realm;

    @InjectRealm(config = TestRealm.class, ref = "forwarding-replay")
    ManagedRealm replayRealm;

    @BeforeAll
    static void startReceivers() {
        syslog = SyslogReceiver.start(0, true);
        webhook = WebhookReceiver.start(0, SECRET);
    }

    @AfterAll
    static void stopReceivers() {
        syslog.close();
        webhook.close();
    }

    /** The realm's log in chain order. */
    private List<String> chainIds() {
        return AuditChain.ids(Api.bitlocker(realm.getName()), Tokens.password(realm.getName(), TestRealm.AUDITOR));
    }

    private List<String> syslogIds() {
        return syslog.messages().stream().filter(m -> realm.getName().equals(m.param("keygate@32473", "realm")))
                .map(m -> m.param("keygate@32473", "id")).toList();
    }

    private List<String> webhookIds() {
        return webhook.entries().stream().map(e -> e.path("id").asText()).toList();
    }

    /** Waits until both receivers hold exactly the realm's chain, in order (the chain read last, as it may grow). */
    private List<String> awaitBothHoldTheChain() {
        List<String> chain = Eventually.await(this::chainIds, ids -> ids.equals(syslogIds()) && ids.equals(webhookIds()), 60);
        assertThat(syslogIds()).as("syslog").containsExactlyElementsOf(chainIds());
        assertThat(webhookIds()).as("webhook").containsExactlyElementsOf(chainIds());
        assertThat(webhook.replayed()).as("the receiver drops repeated IDs: none came twice").isEmpty();
        return chain;
    }

    private Api.Reply breakGlass(Fleet.Device device) {
        return Api.post(Api.bitlocker(realm.getName()) + "/keys/" + device.deviceId() + "/reveal",
                Api.JSON.createObjectNode().put("breakGlass", true).put("reason", REASON).toString())
                .bearer(BrowserLogin.cachedStepUpToken(realm, TestRealm.ADMIN)).send();
    }

    @Test
    void everyEntryReachesBothSinksOnceInOrderAcrossAnOutage() {
        Realms.configure(realm.getName(), "{\"enabled\":true,\"local\":{\"kek\":\"" + Fleet.KEK + "\"}}");
        Fleet.Device early = Fleet.escrow(realm.getName(), "FWD-EARLY", null);
        Realms.configure(realm.getName(), "{\"enabled\":true,\"local\":{\"kek\":\"" + Fleet.KEK + "\"},"
                + "\"ticketing\":{\"breakGlass\":true},\"rotation\":{\"afterReveal\":false},"
                + "\"forwarding\":{\"syslog\":{\"enabled\":true,\"host\":\"127.0.0.1\",\"port\":" + syslog.port() + ",\"tls\":true},"
                + "\"webhook\":{\"enabled\":true,\"url\":\"" + webhook.url() + "\",\"secret\":\"" + SECRET + "\"}}}");
        Fleet.Device laptop = Fleet.escrow(realm.getName(), "FWD-LAPTOP", null);
        assertThat(breakGlass(laptop).status()).isEqualTo(200);

        // A newly enabled sink starts from the log's first entry.
        List<String> chain = awaitBothHoldTheChain();
        assertThat(chain).hasSizeGreaterThanOrEqualTo(5);
        SyslogMessage revealed = syslog.messages().stream().filter(m -> "KEY_REVEALED".equals(m.msgId())).findFirst().orElseThrow();
        assertThat(revealed.appName()).isEqualTo("bitlocker-keygate");
        assertThat(revealed.facility()).isEqualTo(10);
        assertThat(revealed.severity()).isEqualTo(6);
        assertThat(revealed.param("keygate@32473", "outcome")).isEqualTo("SUCCESS");
        assertThat(revealed.param("keygate@32473", "device")).isEqualTo("FWD-LAPTOP");
        assertThat(revealed.msg()).contains("\"action\":\"KEY_REVEALED\"", "\"deviceName\":\"FWD-LAPTOP\"");
        assertThat(webhook.rejected()).as("every delivery was signed with the secret").isZero();
        assertThat(syslog.messages()).noneMatch(m -> m.raw().matches("(?s).*\\d{6}(-\\d{6}){7}.*"));
        assertThat(webhook.deliveries()).noneMatch(d -> d.body().matches("(?s).*\\d{6}(-\\d{6}){7}.*"));
        assertThat(syslog.messages()).as("the entry escrowed before forwarding was enabled")
                .anyMatch(m -> "KEY_ESCROWED".equals(m.msgId()) && early.deviceId().equals(m.param("keygate@32473", "deviceId")));

        // Both receivers go down; a release meanwhile is neither refused nor slowed.
        syslog.stop();
        webhook.down(true);
        Fleet.Device during = Fleet.escrow(realm.getName(), "FWD-DURING-OUTAGE", null);
        long start = System.nanoTime();
        Api.Reply released = breakGlass(during);
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(released.status()).as(released.toString()).isEqualTo(200);
        assertThat(millis).as("a release does not wait for the SIEM").isLessThan(3000);
        JsonNode failures = Eventually.await(() -> Api.get(Api.bitlocker(realm.getName())
                        + "/keys/audit?action=AUDIT_FORWARDING_FAILED").bearer(Tokens.password(realm.getName(), TestRealm.AUDITOR))
                .send().json().path("items"), items -> items.size() >= 2, 30);
        assertThat(failures).hasSize(2);
        sleepSeconds(4);
        assertThat(Api.get(Api.bitlocker(realm.getName()) + "/keys/audit?action=AUDIT_FORWARDING_FAILED")
                .bearer(Tokens.password(realm.getName(), TestRealm.AUDITOR)).send().json().path("items"))
                .as("an outage is audited once, not at every attempt").hasSize(2);
        assertThat(ServerMetrics.scrape().value("bitlocker_audit_forwarding_lag", "sink=\"webhook\"")).isGreaterThan(0);

        // Back up: what was missed arrives, in order, and nothing twice.
        syslog.restart();
        webhook.down(false);
        List<String> after = awaitBothHoldTheChain();
        assertThat(after).containsSubsequence(chain).hasSizeGreaterThan(chain.size());
        assertThat(after.stream().distinct().count()).isEqualTo(after.size());
        JsonNode lastWebhookEntry = webhook.entries().get(webhook.entries().size() - 1);
        assertThat(lastWebhookEntry.path("hash").asText()).matches("[0-9a-f]{64}");
        Eventually.await(() -> ServerMetrics.scrape().value("bitlocker_audit_forwarding_lag", "sink=\"webhook\""), v -> v == 0, 20);
    }

    /**
     * The signature covers the body only, so whoever captured a delivery can send it again, signature and all:
     * a receiver must drop entries whose {@code id} it has already seen (docs/checkpoints-and-forwarding.md), as the simulated SIEM does.
     */
    @Test
    void aCapturedDeliveryReplayedWithItsSignatureIsNotAcceptedTwice() {
        try (WebhookReceiver receiver = WebhookReceiver.start(0, SECRET)) {
            Realms.configure(replayRealm.getName(), "{\"enabled\":true,\"local\":{\"kek\":\"" + Fleet.KEK + "\"},"
                    + "\"forwarding\":{\"webhook\":{\"enabled\":true,\"url\":\"" + receiver.url() + "\",\"secret\":\"" + SECRET + "\"}}}");
            Fleet.escrow(replayRealm.getName(), "FWD-REPLAYED", null);
            List<String> chain = Eventually.await(() -> AuditChain.ids(Api.bitlocker(replayRealm.getName()),
                    Tokens.password(replayRealm.getName(), TestRealm.AUDITOR)), ids -> ids.equals(ids(receiver.entries())), 60);
            WebhookDelivery captured = receiver.deliveries().get(0);
            assertThat(captured.entries()).isNotEmpty();

            Api.Reply replay = Api.post(receiver.url(), captured.body())
                    .header(WebhookReceiver.SIGNATURE_HEADER, captured.header(WebhookReceiver.SIGNATURE_HEADER)).send();

            assertThat(replay.status()).as("the replayed signature still verifies: it covers the body only").isEqualTo(204);
            assertThat(receiver.rejected()).isZero();
            assertThat(receiver.deliveries()).hasSizeGreaterThan(1);
            assertThat(ids(receiver.entries())).as("each entry accepted once").containsExactlyElementsOf(chain);
            assertThat(ids(receiver.replayed())).as("the replayed entries were dropped")
                    .containsExactlyElementsOf(ids(captured.entries()));
        }
    }

    private static List<String> ids(List<JsonNode> entries) {
        return entries.stream().map(e -> e.path("id").asText()).toList();
    }

    private static void sleepSeconds(int seconds) {
        try {
            Thread.sleep(Duration.ofSeconds(seconds).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
