package io.keygate.bitlocker.it.keys;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import io.keygate.bitlocker.it.support.Api;
import io.keygate.bitlocker.it.support.AtOnce;
import io.keygate.bitlocker.it.support.BitLockerServerConfig;
import io.keygate.bitlocker.it.support.BrowserLogin;
import io.keygate.bitlocker.it.support.Fleet;
import io.keygate.bitlocker.it.support.Realms;
import io.keygate.bitlocker.it.support.ServerMetrics;
import io.keygate.bitlocker.it.support.TestRealm;
import io.keygate.bitlocker.it.support.Tokens;
import io.keygate.bitlocker.simulators.JiraIssue;
import io.keygate.bitlocker.simulators.JiraSimulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;

/**
 * The limits of SPEC §3 hold whatever arrives at once: a ticket releases at most
 * {@code maxDevicesPerTicket} devices, counted on the ticket's identity (a moved Jira issue is the
 * ticket it was), a user gets at most {@code revealsPerUserPerHour} keys, and a flood of refused
 * requests is throttled before it reaches the ticketing system.
 */
@KeycloakIntegrationTest(config = BitLockerServerConfig.class)
class ReleaseLimitsTest {

    private static JiraSimulator jira;

    @InjectRealm(config = TestRealm.class, ref = "limits")
    ManagedRealm realm;

    /** Its own users, so the denials counted here are these tests' alone. */
    @InjectRealm(config = TestRealm.class, ref = "flood")
    ManagedRealm flood;

    @BeforeAll
    static void startJira() throws IOException {
        jira = JiraSimulator.start(JiraSimulator.Mode.CLOUD_V3, 0, "helpdesk-bot@example.test", "cloud-api-token");
    }

    @AfterAll
    static void stopJira() {
        jira.stop();
    }

    private void configure(ManagedRealm r, int maxDevicesPerTicket, int revealsPerUserPerHour) {
        Realms.configure(r.getName(), "{\"enabled\":true,\"local\":{\"kek\":\"" + Fleet.KEK + "\"},"
                + "\"rotation\":{\"afterReveal\":false},\"limits\":{\"revealsPerUserPerHour\":" + revealsPerUserPerHour + "},"
                + "\"ticketing\":{\"system\":\"jira\",\"apiVersion\":\"3\",\"baseUrl\":\"" + jira.baseUrl() + "\","
                + "\"username\":\"helpdesk-bot@example.test\",\"token\":\"cloud-api-token\",\"annotate\":false,"
                + "\"requireDeviceReference\":false,\"maxDevicesPerTicket\":" + maxDevicesPerTicket + "}}");
    }

    private static Api.Reply reveal(ManagedRealm r, Fleet.Device device, String body, String token) {
        return Api.post(Api.bitlocker(r.getName()) + "/keys/" + device.deviceId() + "/reveal", body).bearer(token).send();
    }

    private static String withTicket(String ticket) {
        return "{\"ticket\":\"" + ticket + "\"}";
    }

    private static Map<String, Long> outcomes(List<Api.Reply> replies) {
        return replies.stream().collect(Collectors.groupingBy(r -> r.status() == 200 ? "released" : r.code(),
                Collectors.counting()));
    }

    private JsonNode audit(ManagedRealm r, String query) {
        return Api.get(Api.bitlocker(r.getName()) + "/keys/audit?max=500&" + query)
                .bearer(Tokens.password(r.getName(), TestRealm.AUDITOR)).send().json().path("items");
    }

    @Test
    void fortySimultaneousRevealsOfFortyDevicesUnderATicketForOneReleaseExactlyOne() throws Exception {
        configure(realm, 1, 1000);
        jira.seed(JiraIssue.incident("ITSM-7001", "Forty laptops locked out"));
        List<Fleet.Device> devices = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            devices.add(Fleet.escrow(realm.getName(), "RACE-" + i, null));
        }
        String token = BrowserLogin.cachedStepUpToken(realm, TestRealm.HELPDESK);

        List<Api.Reply> replies = AtOnce.each(devices, d -> reveal(realm, d, withTicket("ITSM-7001"), token));

        assertThat(outcomes(replies)).as(replies.toString()).isEqualTo(Map.of("released", 1L, "ticket_reuse_limit", 39L));
        assertThat(audit(realm, "action=KEY_REVEALED&ticket=ITSM-7001")).hasSize(1);
        assertThat(audit(realm, "action=KEY_REVEAL_DENIED&ticket=ITSM-7001")).hasSize(39)
                .allSatisfy(e -> assertThat(e.path("code").asText()).isEqualTo("ticket_reuse_limit"));
    }

    @Test
    void simultaneousReleasesShareTheirTransactionsAndEachIsOnRecord() throws Exception {
        configure(realm, 1000, 1000);
        jira.seed(JiraIssue.incident("ITSM-7002", "Floor 3 laptops at the recovery screen"));
        List<Fleet.Device> devices = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            devices.add(Fleet.escrow(realm.getName(), "FLOOR3-" + i, null));
        }
        String token = BrowserLogin.cachedStepUpToken(realm, TestRealm.HELPDESK);
        ServerMetrics before = ServerMetrics.scrape();

        List<Api.Reply> replies = AtOnce.each(devices, d -> reveal(realm, d, withTicket("ITSM-7002"), token));

        assertThat(outcomes(replies)).as(replies.toString()).isEqualTo(Map.of("released", 40L));
        assertThat(audit(realm, "action=KEY_REVEALED&ticket=ITSM-7002")).hasSize(40);
        // Group commit: the one writer of the realm committed the forty releases in fewer transactions than forty.
        ServerMetrics after = ServerMetrics.scrape();
        String committed = "result=\"COMMITTED\"";
        assertThat(after.since(before, "bitlocker_release_batch_sum", committed)).isEqualTo(40.0);
        assertThat(after.since(before, "bitlocker_release_batch_count", committed)).as("transactions for forty releases")
                .isBetween(1.0, 39.0);
    }

    @Test
    void simultaneousRevealsOfOneUserNeverExceedTheHourlyLimit() throws Exception {
        configure(realm, 1000, 3);
        List<Fleet.Device> devices = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            devices.add(Fleet.escrow(realm.getName(), "OWN-" + i, TestRealm.OWNER));
        }
        String token = BrowserLogin.cachedStepUpToken(realm, TestRealm.OWNER);

        List<Api.Reply> replies = AtOnce.each(devices, d -> reveal(realm, d, "{}", token));

        assertThat(outcomes(replies)).as(replies.toString()).isEqualTo(Map.of("released", 3L, "rate_limited", 9L));
        replies.stream().filter(r -> r.status() == 429)
                .forEach(r -> assertThat(r.header("Retry-After")).isNotBlank());
    }

    @Test
    void aMovedJiraIssueIsTheTicketItWasBefore() {
        configure(realm, 1, 1000);
        jira.seed(JiraIssue.incident("MOVE-8001", "Laptop locked out"));
        Fleet.Device first = Fleet.escrow(realm.getName(), "MOVED-A", null);
        Fleet.Device second = Fleet.escrow(realm.getName(), "MOVED-B", null);
        String token = BrowserLogin.cachedStepUpToken(realm, TestRealm.HELPDESK);

        assertThat(reveal(realm, first, withTicket("MOVE-8001"), token).status()).isEqualTo(200);
        jira.move("MOVE-8001", "SUPP-8001");

        for (String key : List.of("SUPP-8001", "MOVE-8001")) {
            Api.Reply again = reveal(realm, second, withTicket(key), token);
            assertThat(again.status()).as(key + ": " + again).isEqualTo(403);
            assertThat(again.code()).isEqualTo("ticket_reuse_limit");
        }
        JsonNode denial = audit(realm, "action=KEY_REVEAL_DENIED&deviceId=" + second.deviceId()).get(0);
        assertThat(denial.path("ticket").path("key").asText()).isEqualTo("SUPP-8001");

        Api.Reply sameDevice = reveal(realm, first, withTicket("MOVE-8001"), token);
        assertThat(sameDevice.status()).as(sameDevice.toString()).isEqualTo(200);
        assertThat(sameDevice.json().path("ticket").path("key").asText()).isEqualTo("SUPP-8001");
        assertThat(sameDevice.json().path("ticket").path("url").asText()).endsWith("/browse/SUPP-8001");
    }

    @Test
    void aFloodOfRefusedRequestsIsThrottledBeforeItReachesTheTicketSystemAndStopsGrowingTheLog() {
        configure(flood, 1, 1);
        jira.seed(JiraIssue.incident("DONE-9001", "Closed long ago").done());
        Fleet.Device device = Fleet.escrow(flood.getName(), "FLOOD-PC", null);
        String token = BrowserLogin.cachedStepUpToken(flood, TestRealm.HELPDESK);
        jira.clearRequests();

        List<Api.Reply> replies = new ArrayList<>();
        for (int i = 0; i < 14; i++) {
            replies.add(reveal(flood, device, withTicket("DONE-9001"), token));
        }

        // Ten refusals (five times the hourly limit of one, at least ten) are examined and audited …
        assertThat(replies.subList(0, 10)).allSatisfy(r -> assertThat(r.code()).isEqualTo("ticket_not_open"));
        assertThat(replies.subList(10, 14)).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(429);
            assertThat(r.code()).isEqualTo("rate_limited");
        });
        // … then the ticketing system is asked no more, and only the first throttled refusal is on record.
        assertThat(jira.requests()).hasSize(10);
        JsonNode denials = audit(flood, "action=KEY_REVEAL_DENIED");
        assertThat(denials).hasSize(11);
        assertThat(denials.get(0).path("code").asText()).isEqualTo("rate_limited");
    }
}
