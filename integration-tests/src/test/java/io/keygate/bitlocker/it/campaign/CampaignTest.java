package io.keygate.bitlocker.it.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.JsonNode;
import io.keygate.bitlocker.it.support.Api;
import io.keygate.bitlocker.it.support.BitLockerServerConfig;
import io.keygate.bitlocker.it.support.BrowserLogin;
import io.keygate.bitlocker.it.support.Eventually;
import io.keygate.bitlocker.it.support.Fleet;
import io.keygate.bitlocker.it.support.Realms;
import io.keygate.bitlocker.it.support.TestRealm;
import io.keygate.bitlocker.it.support.Tokens;
import io.keygate.bitlocker.it.support.server.CampaignClock;
import io.keygate.bitlocker.simulators.JiraComment;
import io.keygate.bitlocker.simulators.JiraIssue;
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
 * Campaigns (SPEC §14) on the real server: one open major incident, a list of devices and a second person's
 * approval, under which helpdesk releases those devices' keys with step-up and the campaign's own limit, each
 * release audited with the campaign, the ticket commented on in one summary, progress counted as keys rotate.
 */
@KeycloakIntegrationTest(config = BitLockerServerConfig.class)
class CampaignTest {

    private static JiraSimulator jira;
    private static int tickets = 9100;

    @InjectRealm(config = TestRealm.class)
    ManagedRealm realm;

    @InjectRunOnServer(permittedPackages = "io.keygate.bitlocker.it")
    RunOnServerClient server;

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
        configure(true, 3);
    }

    private void configure(boolean enabled, int campaignRevealsPerHour) {
        Realms.configure(realm.getName(), "{\"enabled\":true,\"local\":{\"kek\":\"" + Fleet.KEK + "\"},"
                + "\"rotation\":{\"afterReveal\":true},\"limits\":{\"revealsPerUserPerHour\":1},"
                + "\"campaigns\":{\"enabled\":" + enabled + ",\"ticketTypes\":[\"Major Incident\"],\"maxDevices\":5,"
                + "\"maxHours\":2,\"revealsPerUserPerHour\":" + campaignRevealsPerHour + "},"
                + "\"ticketing\":{\"system\":\"jira\",\"apiVersion\":\"3\",\"baseUrl\":\"" + jira.baseUrl() + "\","
                + "\"username\":\"helpdesk-bot@example.test\",\"token\":\"cloud-api-token\",\"annotate\":true,"
                + "\"requireDeviceReference\":true,\"maxDevicesPerTicket\":1}}");
    }

    private String majorIncident() {
        String key = "MI-" + (++tickets);
        jira.seed(JiraIssue.incident(key, "Faulty endpoint-security update: fleet at the BitLocker recovery screen")
                .ofType("Major Incident"));
        return key;
    }

    private String token(String user) {
        return BrowserLogin.cachedStepUpToken(realm, user);
    }

    private String campaigns() {
        return Api.bitlocker(realm.getName()) + "/campaigns";
    }

    private Api.Reply create(String body) {
        return Api.post(campaigns(), body).bearer(token(TestRealm.ADMIN)).send();
    }

    private static String ids(List<Fleet.Device> devices) {
        return String.join(",", devices.stream().map(d -> "\"" + d.deviceId() + "\"").toList());
    }

    private JsonNode created(String ticket, List<Fleet.Device> devices) {
        Api.Reply reply = create("{\"ticket\":\"" + ticket + "\",\"reason\":\"Fleet-wide boot failure\",\"deviceIds\":["
                + ids(devices) + "]}");
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        return reply.json();
    }

    private Api.Reply decide(String campaignId, String verb, String user) {
        return Api.post(campaigns() + "/" + campaignId + "/" + verb, "").bearer(token(user)).send();
    }

    private Api.Reply reveal(Fleet.Device device, String body, String user) {
        return Api.post(Api.bitlocker(realm.getName()) + "/keys/" + device.deviceId() + "/reveal", body)
                .bearer(token(user)).send();
    }

    private Api.Reply underCampaign(Fleet.Device device, String campaignId) {
        return reveal(device, "{\"campaignId\":\"" + campaignId + "\"}", TestRealm.HELPDESK);
    }

    private JsonNode campaign(String campaignId) {
        return Api.get(campaigns() + "/" + campaignId).bearer(token(TestRealm.HELPDESK)).send().json();
    }

    private JsonNode audit(String query) {
        return Api.get(Api.bitlocker(realm.getName()) + "/keys/audit?max=200&" + query)
                .bearer(Tokens.password(realm.getName(), TestRealm.AUDITOR)).send().json().path("items");
    }

    private List<Fleet.Device> fleet(String prefix, int n) {
        List<Fleet.Device> devices = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            devices.add(Fleet.escrow(realm.getName(), prefix + "-" + i, null));
        }
        return devices;
    }

    @Test
    void aSecondPersonsApprovalLetsHelpdeskReleaseTheCampaignsDevicesAndTheirRotationsAreCounted() {
        List<Fleet.Device> devices = fleet("CRWD-A", 3);
        Fleet.Device outside = Fleet.escrow(realm.getName(), "CRWD-OUTSIDE", null);
        String ticket = majorIncident();
        JsonNode created = created(ticket, devices);
        String id = created.path("campaignId").asText();
        assertThat(created.path("status").asText()).isEqualTo("PENDING");
        assertThat(created.path("devices").asInt()).isEqualTo(3);
        assertThat(created.path("ticket").path("key").asText()).isEqualTo(ticket);
        assertThat(created.path("requester").path("username").asText()).isEqualTo(TestRealm.ADMIN);
        assertThat(created.path("decidedBy").isNull()).isTrue();

        // Not yet approved: nothing is released.
        Api.Reply pending = underCampaign(devices.get(0), id);
        assertThat(pending.code()).as(pending.toString()).isEqualTo("campaign_closed");
        assertThat(pending.status()).isEqualTo(409);
        // The requester cannot approve it; helpdesk may not decide at all.
        assertThat(decide(id, "approve", TestRealm.ADMIN).code()).isEqualTo("self_approval");
        assertThat(decide(id, "approve", TestRealm.HELPDESK).status()).isEqualTo(403);

        Api.Reply approved = decide(id, "approve", TestRealm.APPROVER);
        assertThat(approved.status()).as(approved.toString()).isEqualTo(200);
        assertThat(approved.json().path("status").asText()).isEqualTo("ACTIVE");
        assertThat(approved.json().path("decidedBy").path("username").asText()).isEqualTo(TestRealm.APPROVER);
        assertThat(decide(id, "reject", TestRealm.APPROVER).code()).isEqualTo("campaign_closed");

        // Two releases although limits.revealsPerUserPerHour is 1: campaign releases have their own limit.
        Api.Reply first = underCampaign(devices.get(0), id);
        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(first.json().path("recoveryPassword").asText()).isEqualTo(devices.get(0).osKey().recoveryPassword());
        assertThat(first.json().path("ticket").path("key").asText()).isEqualTo(ticket);
        assertThat(first.json().path("rotation").path("status").asText()).isEqualTo("PENDING");
        assertThat(underCampaign(devices.get(1), id).status()).isEqualTo(200);

        // The rules of the campaign route.
        assertThat(underCampaign(outside, id).code()).isEqualTo("device_not_in_campaign");
        assertThat(underCampaign(devices.get(2), Fleet.guid()).code()).isEqualTo("campaign_not_found");
        assertThat(reveal(devices.get(2), "{\"campaignId\":\"" + id + "\",\"ticket\":\"" + ticket + "\"}",
                TestRealm.HELPDESK).code()).isEqualTo("invalid_request");
        assertThat(reveal(devices.get(2), "{\"campaignId\":\"not-a-guid\"}", TestRealm.HELPDESK).code())
                .isEqualTo("invalid_request");

        JsonNode progress = campaign(id);
        assertThat(progress.path("revealed").asLong()).isEqualTo(2);
        assertThat(progress.path("rotated").asLong()).isZero();
        JsonNode waiting = Api.get(campaigns() + "/" + id + "/devices?state=WAITING").bearer(token(TestRealm.HELPDESK))
                .send().json().path("items");
        assertThat(waiting).extracting(d -> d.path("deviceName").asText()).containsExactly("CRWD-A-3");
        // Found by a key-ID prefix, as typed from the recovery screen.
        String prefix = devices.get(2).osKey().keyId().substring(0, 8);
        JsonNode found = Api.get(campaigns() + "/" + id + "/devices?search=" + prefix).bearer(token(TestRealm.HELPDESK))
                .send().json().path("items");
        assertThat(found).extracting(d -> d.path("deviceId").asText()).containsExactly(devices.get(2).deviceId());

        // The first device's agent rotates: its new key is escrowed, and the campaign counts it rotated.
        Fleet.Key fresh = new Fleet.Key(Fleet.guid(), Fleet.recoveryPassword(), "OPERATING_SYSTEM");
        Api.Reply checkIn = Fleet.checkIn(realm.getName(), devices.get(0).deviceId(),
                Fleet.checkInBody(devices.get(0).deviceName(), null, "ENCRYPTED", List.of(fresh)));
        assertThat(checkIn.status()).as(checkIn.toString()).isEqualTo(200);
        progress = campaign(id);
        assertThat(progress.path("revealed").asLong()).isEqualTo(2);
        assertThat(progress.path("rotated").asLong()).isEqualTo(1);
        JsonNode rotated = Api.get(campaigns() + "/" + id + "/devices?state=ROTATED").bearer(token(TestRealm.AUDITOR))
                .send().json().path("items");
        assertThat(rotated).extracting(d -> d.path("deviceId").asText()).containsExactly(devices.get(0).deviceId());
        assertThat(rotated.get(0).has("revealedAt")).isTrue();
        assertThat(rotated.get(0).has("rotatedAt")).isTrue();

        // Each release is audited with the campaign and its ticket; no per-device comment, one summary.
        JsonNode revealed = audit("action=KEY_REVEALED&ticket=" + ticket);
        assertThat(revealed).hasSize(2).allSatisfy(e -> assertThat(e.path("campaignId").asText()).isEqualTo(id));
        assertThat(audit("action=CAMPAIGN_REQUESTED&ticket=" + ticket)).hasSize(1);
        assertThat(audit("action=CAMPAIGN_APPROVED&ticket=" + ticket)).hasSize(1);
        List<JiraComment> comments = Eventually.await(() -> jira.comments().stream()
                .filter(c -> c.issueKey().equals(ticket)).toList(), list -> !list.isEmpty(), 30);
        assertThat(comments).hasSize(1);
        assertThat(comments.get(0).internal()).isTrue();
        assertThat(comments.get(0).text()).contains("CRWD-A-1", "CRWD-A-2", "Devices released in the period: 2")
                .doesNotContain(devices.get(0).osKey().recoveryPassword(), devices.get(1).osKey().recoveryPassword());

        // Closed: nothing more is released, and deciding it again is refused.
        Api.Reply closed = Api.delete(campaigns() + "/" + id).bearer(token(TestRealm.APPROVER)).send();
        assertThat(closed.status()).as(closed.toString()).isEqualTo(204);
        assertThat(underCampaign(devices.get(2), id).code()).isEqualTo("campaign_closed");
        assertThat(campaign(id).path("status").asText()).isEqualTo("CLOSED");
        assertThat(audit("action=CAMPAIGN_CLOSED&ticket=" + ticket)).hasSize(1);
        assertThat(audit("action=KEY_REVEAL_DENIED&outcome=DENIED").findValuesAsText("code"))
                .contains("device_not_in_campaign", "campaign_closed");
    }

    @Test
    void creationChecksTheDevicesAndTheMajorIncidentAndCreatesNothingOtherwise() {
        List<Fleet.Device> devices = fleet("CRWD-B", 2);
        String ticket = majorIncident();
        int before = Api.get(campaigns() + "?max=500").bearer(token(TestRealm.ADMIN)).send().json().path("items").size();

        String unknown = Fleet.guid();
        Api.Reply withUnknown = create("{\"ticket\":\"" + ticket + "\",\"reason\":\"r\",\"deviceIds\":[" + ids(devices)
                + ",\"" + unknown + "\"]}");
        assertThat(withUnknown.status()).as(withUnknown.toString()).isEqualTo(400);
        assertThat(withUnknown.code()).isEqualTo("invalid_request");
        assertThat(withUnknown.json().path("unknown")).extracting(JsonNode::asText).containsExactly(unknown);
        assertThat(create("{\"ticket\":\"" + ticket + "\",\"reason\":\"r\",\"deviceIds\":[]}").code())
                .isEqualTo("invalid_request");
        List<Fleet.Device> six = fleet("CRWD-C", 6);
        assertThat(create("{\"ticket\":\"" + ticket + "\",\"reason\":\"r\",\"deviceIds\":[" + ids(six) + "]}").code())
                .as("more than campaigns.maxDevices").isEqualTo("invalid_request");
        assertThat(create("{\"ticket\":\"" + ticket + "\",\"reason\":\"r\",\"search\":\"crwd-c\"}").code())
                .as("a prefix matching more than campaigns.maxDevices").isEqualTo("invalid_request");

        String plainIncident = "MI-" + (++tickets);
        jira.seed(JiraIssue.incident(plainIncident, "one laptop"));
        assertThat(create("{\"ticket\":\"" + plainIncident + "\",\"reason\":\"r\",\"deviceIds\":[" + ids(devices) + "]}")
                .code()).isEqualTo("ticket_wrong_type");
        String done = "MI-" + (++tickets);
        jira.seed(JiraIssue.incident(done, "over").ofType("Major Incident").done());
        assertThat(create("{\"ticket\":\"" + done + "\",\"reason\":\"r\",\"deviceIds\":[" + ids(devices) + "]}")
                .code()).isEqualTo("ticket_not_open");
        assertThat(Api.post(campaigns(), "{\"ticket\":\"" + ticket + "\",\"reason\":\"r\",\"search\":\"crwd-b\"}")
                .bearer(token(TestRealm.HELPDESK)).send().status()).as("helpdesk may not create").isEqualTo(403);
        assertThat(Api.get(campaigns() + "?max=500").bearer(token(TestRealm.ADMIN)).send().json().path("items").size())
                .isEqualTo(before);

        // A name prefix, case-insensitive.
        Api.Reply byName = create("{\"ticket\":\"" + ticket + "\",\"reason\":\"r\",\"search\":\"crwd-b\"}");
        assertThat(byName.status()).as(byName.toString()).isEqualTo(201);
        assertThat(byName.json().path("devices").asInt()).isEqualTo(2);

        // Switched off: the endpoints are not there, and a campaignId releases nothing.
        configure(false, 3);
        assertThat(Api.get(campaigns()).bearer(token(TestRealm.ADMIN)).send().code()).isEqualTo("not_enabled");
        assertThat(underCampaign(devices.get(0), byName.json().path("campaignId").asText()).code())
                .isEqualTo("campaign_closed");
    }

    @Test
    void aClosedTicketEndsTheCampaignAtItsNextCheck() {
        List<Fleet.Device> devices = fleet("CRWD-D", 2);
        String ticket = majorIncident();
        String id = created(ticket, devices).path("campaignId").asText();
        assertThat(decide(id, "approve", TestRealm.APPROVER).status()).isEqualTo(200);
        jira.seed(JiraIssue.incident(ticket, "resolved").ofType("Major Incident").done());
        JsonNode ended = Eventually.await(() -> campaign(id), c -> c.path("status").asText().equals("CLOSED"), 30);
        assertThat(ended.path("status").asText()).isEqualTo("CLOSED");
        assertThat(underCampaign(devices.get(0), id).code()).isEqualTo("campaign_closed");
        assertThat(audit("action=CAMPAIGN_CLOSED&ticket=" + ticket).get(0).path("reason").asText())
                .contains("no longer an open major incident");
    }

    @Test
    void aCampaignWhoseTimeIsUpReleasesNothingAndExpires() {
        List<Fleet.Device> devices = fleet("CRWD-F", 2);
        String ticket = majorIncident();
        String active = created(ticket, devices).path("campaignId").asText();
        assertThat(decide(active, "approve", TestRealm.APPROVER).status()).isEqualTo(200);
        String pending = created(ticket, devices).path("campaignId").asText();
        server.run(CampaignClock.endedMinutesAgo(active, 1));
        server.run(CampaignClock.endedMinutesAgo(pending, 1));

        // Refused at once, whether or not the expiry task has run yet.
        assertThat(reveal(devices.get(0), "{\"campaignId\":\"" + active + "\"}", TestRealm.ADMIN).code())
                .isEqualTo("campaign_closed");
        assertThat(decide(pending, "approve", TestRealm.APPROVER).code()).isEqualTo("campaign_closed");
        for (String id : List.of(active, pending)) {
            JsonNode ended = Eventually.await(() -> campaign(id), c -> c.path("status").asText().equals("EXPIRED"), 30);
            assertThat(ended.path("status").asText()).isEqualTo("EXPIRED");
        }
        assertThat(audit("action=CAMPAIGN_CLOSED&ticket=" + ticket).findValuesAsText("reason"))
                .containsExactlyInAnyOrder("expired: its time ran out", "expired: not approved in time");
    }

    @Test
    void theCampaignLimitHoldsUnderConcurrentReleases() throws Exception {
        List<Fleet.Device> devices = fleet("CRWD-E", 5);
        String ticket = majorIncident();
        String id = created(ticket, devices).path("campaignId").asText();
        assertThat(decide(id, "approve", TestRealm.APPROVER).status()).isEqualTo(200);
        configure(true, 3);
        String helpdesk = token(TestRealm.ADMIN);   // a user with no campaign releases yet this hour
        ExecutorService pool = Executors.newFixedThreadPool(5);
        try {
            List<Future<Api.Reply>> replies = new ArrayList<>();
            for (Fleet.Device d : devices) {
                replies.add(pool.submit(() -> Api.post(Api.bitlocker(realm.getName()) + "/keys/" + d.deviceId() + "/reveal",
                        "{\"campaignId\":\"" + id + "\"}").bearer(helpdesk).send()));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Api.Reply> f : replies) {
                statuses.add(f.get().status());
            }
            assertThat(statuses).filteredOn(s -> s == 200).hasSize(3);
            assertThat(statuses).filteredOn(s -> s == 429).hasSize(2);
        } finally {
            pool.shutdownNow();
        }
        assertThat(campaign(id).path("revealed").asLong()).isEqualTo(3);
    }
}
