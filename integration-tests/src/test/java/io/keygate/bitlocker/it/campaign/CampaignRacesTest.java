package io.keygate.bitlocker.it.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.JsonNode;
import io.keygate.bitlocker.it.support.Api;
import io.keygate.bitlocker.it.support.AtOnce;
import io.keygate.bitlocker.it.support.BitLockerServerConfig;
import io.keygate.bitlocker.it.support.Fleet;
import io.keygate.bitlocker.it.support.TestRealm;
import io.keygate.bitlocker.it.support.Tokens;
import io.keygate.bitlocker.it.support.server.CampaignClock;
import io.keygate.bitlocker.simulators.Fault;
import io.keygate.bitlocker.simulators.JiraSimulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.testframework.remote.runonserver.InjectRunOnServer;
import org.keycloak.testframework.remote.runonserver.RunOnServerClient;

/**
 * Campaigns (SPEC §14) under concurrent requests on the real server: two decisions at once, a close racing releases,
 * a burst of releases when the ticket's check falls due, rotations completing while releases run, and the ticketing
 * system down at the check.
 */
@KeycloakIntegrationTest(config = BitLockerServerConfig.class)
class CampaignRacesTest {

    /** The test server's {@code campaign-ticket-check-seconds}. */
    private static final long TICKET_CHECK_MILLIS = 3_000;

    private static JiraSimulator jira;

    @InjectRealm(config = TestRealm.class)
    ManagedRealm realm;

    @InjectRunOnServer(permittedPackages = "io.keygate.bitlocker.it")
    RunOnServerClient server;

    private CampaignCalls calls;

    @BeforeAll
    static void startJira() throws IOException {
        jira = JiraSimulator.start(JiraSimulator.Mode.CLOUD_V3, 0, "helpdesk-bot@example.test", "cloud-api-token");
    }

    @AfterAll
    static void stopJira() {
        jira.stop();
    }

    @BeforeEach
    void enable() {
        calls = new CampaignCalls(realm, jira);
        calls.configure(true, 100);
    }

    private Callable<Api.Reply> release(Fleet.Device device, String campaignId, String token) {
        return () -> Api.post(Api.bitlocker(realm.getName()) + "/keys/" + device.deviceId() + "/reveal",
                "{\"campaignId\":\"" + campaignId + "\"}").bearer(token).send();
    }

    @Test
    void decisionsNeedStepUpAndConcurrentOnesDecideTheCampaignOnce() throws Exception {
        String ticket = calls.majorIncident();
        String id = calls.created(ticket, calls.fleet("RACE-A", 2)).path("campaignId").asText();
        Api.Reply passwordOnly = Api.post(calls.campaigns() + "/" + id + "/approve", "")
                .bearer(Tokens.password(realm.getName(), TestRealm.APPROVER)).send();
        assertThat(passwordOnly.status()).as(passwordOnly.toString()).isEqualTo(401);
        assertThat(passwordOnly.code()).isEqualTo("insufficient_user_authentication");
        assertThat(calls.campaign(id).path("status").asText()).isEqualTo("PENDING");

        String approver = calls.token(TestRealm.APPROVER);
        List<String> verbs = List.of("approve", "reject", "approve", "reject", "approve", "reject");
        List<Api.Reply> replies = AtOnce.each(verbs,
                verb -> Api.post(calls.campaigns() + "/" + id + "/" + verb, "").bearer(approver).send());
        List<String> won = new ArrayList<>();
        for (int i = 0; i < verbs.size(); i++) {
            Api.Reply reply = replies.get(i);
            if (reply.status() == 200) {
                won.add(verbs.get(i));
            } else {
                assertThat(reply.status()).as(reply.toString()).isEqualTo(409);
                assertThat(reply.code()).isEqualTo("campaign_closed");
            }
        }
        assertThat(won).hasSize(1);
        assertThat(calls.campaign(id).path("status").asText())
                .isEqualTo(won.get(0).equals("approve") ? "ACTIVE" : "REJECTED");
        assertThat(calls.audit("action=CAMPAIGN_APPROVED&ticket=" + ticket).size()
                + calls.audit("action=CAMPAIGN_REJECTED&ticket=" + ticket).size()).isEqualTo(1);
    }

    @Test
    void aCloseRacingReleasesCountsEveryReleaseBeforeItAndLetsNoneThroughAfterIt() throws Exception {
        List<Fleet.Device> devices = calls.fleet("RACE-B", 5);
        String ticket = calls.majorIncident();
        String id = calls.approved(ticket, devices);
        String helpdesk = calls.token(TestRealm.HELPDESK);
        String approver = calls.token(TestRealm.APPROVER);
        List<Callable<Api.Reply>> racing = new ArrayList<>();
        for (Fleet.Device d : devices) {
            racing.add(release(d, id, helpdesk));
        }
        racing.add(() -> Api.delete(calls.campaigns() + "/" + id).bearer(approver).send());

        List<Api.Reply> replies = AtOnce.all(racing);
        assertThat(replies.get(devices.size()).status()).isEqualTo(204);
        List<Api.Reply> releases = replies.subList(0, devices.size());
        assertThat(releases).allSatisfy(r -> {
            assertThat(r.status()).as(r.toString()).isIn(200, 409);
            if (r.status() == 409) {
                assertThat(r.code()).isEqualTo("campaign_closed");
            }
        });
        long released = releases.stream().filter(r -> r.status() == 200).count();
        JsonNode closed = calls.campaign(id);
        assertThat(closed.path("status").asText()).isEqualTo("CLOSED");
        assertThat(closed.path("revealed").asLong()).as("every release answered 200 is counted").isEqualTo(released);
        assertThat(calls.audit("action=KEY_REVEALED&ticket=" + ticket)).hasSize((int) released)
                .allSatisfy(e -> assertThat(e.path("campaignId").asText()).isEqualTo(id));

        // In the chain's order (newest first), no release under the campaign follows its end.
        List<String> actions = new ArrayList<>();
        calls.audit("ticket=" + ticket).forEach(e -> actions.add(e.path("action").asText()));
        assertThat(actions).contains("CAMPAIGN_CLOSED");
        assertThat(actions.subList(0, actions.indexOf("CAMPAIGN_CLOSED"))).doesNotContain("KEY_REVEALED");

        // Once the close has answered, no release under the campaign goes through.
        for (Fleet.Device d : devices) {
            assertThat(calls.underCampaign(d, id).code()).isEqualTo("campaign_closed");
        }
        assertThat(calls.audit("action=KEY_REVEALED&ticket=" + ticket)).hasSize((int) released);
    }

    @Test
    void aBurstOfReleasesChecksTheTicketOnceAnInterval() throws Exception {
        List<Fleet.Device> devices = calls.fleet("RACE-C", 5);
        String ticket = calls.majorIncident();
        String id = calls.approved(ticket, devices);
        String helpdesk = calls.token(TestRealm.HELPDESK);
        List<Callable<Api.Reply>> burst = new ArrayList<>();
        for (int round = 0; round < 4; round++) {
            for (Fleet.Device d : devices) {
                burst.add(release(d, id, helpdesk));
            }
        }
        server.run(CampaignClock.ticketCheckDue(id));
        jira.clearRequests();

        long started = System.nanoTime();
        List<Api.Reply> replies = AtOnce.all(burst);
        long elapsedMillis = (System.nanoTime() - started) / 1_000_000;
        assertThat(replies).allSatisfy(r -> assertThat(r.status()).as(r.toString()).isEqualTo(200));
        long checks = jira.requests().stream()
                .filter(r -> r.method().equals("GET") && r.path().endsWith("/issue/" + ticket)).count();
        assertThat(checks).as("%d releases in %d ms, the check due at their start", burst.size(), elapsedMillis)
                .isBetween(1L, 1 + elapsedMillis / TICKET_CHECK_MILLIS);
        assertThat(calls.campaign(id).path("revealed").asLong()).isEqualTo(devices.size());
    }

    @Test
    void rotationsCompletingWhileReleasesRunAreAllCounted() throws Exception {
        List<Fleet.Device> devices = calls.fleet("RACE-D", 5);
        String id = calls.approved(calls.majorIncident(), devices);
        List<Fleet.Device> first = devices.subList(0, 3);
        for (Fleet.Device d : first) {
            assertThat(calls.underCampaign(d, id).status()).isEqualTo(200);
        }
        String helpdesk = calls.token(TestRealm.HELPDESK);
        List<Callable<Api.Reply>> racing = new ArrayList<>();
        for (Fleet.Device d : first) {
            Fleet.Key fresh = new Fleet.Key(Fleet.guid(), Fleet.recoveryPassword(), "OPERATING_SYSTEM");
            String body = Fleet.checkInBody(d.deviceName(), null, "ENCRYPTED", List.of(fresh));
            racing.add(() -> Fleet.checkIn(realm.getName(), d.deviceId(), body));
        }
        for (Fleet.Device d : devices.subList(3, 5)) {
            racing.add(release(d, id, helpdesk));
        }

        assertThat(AtOnce.all(racing)).allSatisfy(r -> assertThat(r.status()).as(r.toString()).isEqualTo(200));
        JsonNode progress = calls.campaign(id);
        assertThat(progress.path("revealed").asLong()).isEqualTo(5);
        assertThat(progress.path("rotated").asLong()).isEqualTo(3);
        JsonNode rotated = Api.get(calls.campaigns() + "/" + id + "/devices?state=ROTATED")
                .bearer(calls.token(TestRealm.HELPDESK)).send().json().path("items");
        assertThat(rotated).extracting(d -> d.path("deviceId").asText())
                .containsExactlyInAnyOrderElementsOf(first.stream().map(Fleet.Device::deviceId).toList());
    }

    @Test
    void theTicketingSystemDownWhenTheCheckFallsDueReleasesNothing() {
        List<Fleet.Device> devices = calls.fleet("RACE-E", 3);
        String ticket = calls.majorIncident();
        String id = calls.approved(ticket, devices);
        Api.Reply refused = null;
        Fleet.Device refusedDevice = null;
        jira.injectFault(Fault.status(503).times(1000));
        try {
            // The background task may hold the due check at that instant (then the release relies on the last one):
            // one of three releases, each with the check due, meets the check itself.
            for (Fleet.Device d : devices) {
                server.run(CampaignClock.ticketCheckDue(id));
                Api.Reply reply = calls.underCampaign(d, id);
                if (reply.status() == 503) {
                    refused = reply;
                    refusedDevice = d;
                    break;
                }
            }
        } finally {
            jira.clearFaults();
        }
        assertThat(refused).as("a release meeting the due check while Jira answers 503").isNotNull();
        assertThat(refused.code()).isEqualTo("ticketing_unavailable");
        assertThat(refused.toString()).doesNotContain(refusedDevice.osKey().recoveryPassword());
        String waiting = refusedDevice.deviceId();
        JsonNode stillWaiting = Api.get(calls.campaigns() + "/" + id + "/devices?state=WAITING")
                .bearer(calls.token(TestRealm.HELPDESK)).send().json().path("items");
        assertThat(stillWaiting).extracting(d -> d.path("deviceId").asText()).contains(waiting);
        assertThat(calls.audit("action=KEY_REVEAL_DENIED&outcome=DENIED").findValuesAsText("code"))
                .contains("ticketing_unavailable");

        // The next release checks again, and goes through.
        Api.Reply later = calls.underCampaign(refusedDevice, id);
        assertThat(later.status()).as(later.toString()).isEqualTo(200);
        assertThat(Collections.frequency(calls.audit("action=KEY_REVEALED&ticket=" + ticket).findValuesAsText("deviceId"),
                waiting)).isEqualTo(1);
    }
}
