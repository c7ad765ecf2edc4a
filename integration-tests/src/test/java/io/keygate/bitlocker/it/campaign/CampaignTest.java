package io.keygate.bitlocker.it.campaign;

import static io.keygate.bitlocker.it.campaign.CampaignCalls.ids;
import static io.keygate.bitlocker.it.campaign.CampaignCalls.nextTicket;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.keygate.bitlocker.it.support.Api;
import io.keygate.bitlocker.it.support.AtOnce;
import io.keygate.bitlocker.it.support.BitLockerServerConfig;
import io.keygate.bitlocker.it.support.Eventually;
import io.keygate.bitlocker.it.support.Fleet;
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

    private CampaignCalls calls;

    @BeforeEach
    void enable() {
        calls = new CampaignCalls(realm, jira);
        calls.configure(true, 3);
    }

    @Test
    void aSecondPersonsApprovalLetsHelpdeskReleaseTheCampaignsDevicesAndTheirRotationsAreCounted() {
        List<Fleet.Device> devices = calls.fleet("CRWD-A", 3);
        Fleet.Device outside = Fleet.escrow(realm.getName(), "CRWD-OUTSIDE", null);
        String ticket = calls.majorIncident();
        JsonNode created = calls.created(ticket, devices);
        String id = created.path("campaignId").asText();
        assertThat(created.path("status").asText()).isEqualTo("PENDING");
        assertThat(created.path("devices").asInt()).isEqualTo(3);
        assertThat(created.path("ticket").path("key").asText()).isEqualTo(ticket);
        assertThat(created.path("requester").path("username").asText()).isEqualTo(TestRealm.ADMIN);
        assertThat(created.path("decidedBy").isNull()).isTrue();

        // Not yet approved: nothing is released.
        Api.Reply pending = calls.underCampaign(devices.get(0), id);
        assertThat(pending.code()).as(pending.toString()).isEqualTo("campaign_closed");
        assertThat(pending.status()).isEqualTo(409);
        // The requester cannot approve it; helpdesk may not decide at all.
        assertThat(calls.decide(id, "approve", TestRealm.ADMIN).code()).isEqualTo("self_approval");
        assertThat(calls.decide(id, "approve", TestRealm.HELPDESK).status()).isEqualTo(403);

        Api.Reply approved = calls.decide(id, "approve", TestRealm.APPROVER);
        assertThat(approved.status()).as(approved.toString()).isEqualTo(200);
        assertThat(approved.json().path("status").asText()).isEqualTo("ACTIVE");
        assertThat(approved.json().path("decidedBy").path("username").asText()).isEqualTo(TestRealm.APPROVER);
        assertThat(calls.decide(id, "reject", TestRealm.APPROVER).code()).isEqualTo("campaign_closed");

        // Two releases although limits.revealsPerUserPerHour is 1: campaign releases have their own limit.
        Api.Reply first = calls.underCampaign(devices.get(0), id);
        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(first.json().path("recoveryPassword").asText()).isEqualTo(devices.get(0).osKey().recoveryPassword());
        assertThat(first.json().path("ticket").path("key").asText()).isEqualTo(ticket);
        assertThat(first.json().path("rotation").path("status").asText()).isEqualTo("PENDING");
        assertThat(calls.underCampaign(devices.get(1), id).status()).isEqualTo(200);

        // The rules of the campaign route.
        assertThat(calls.underCampaign(outside, id).code()).isEqualTo("device_not_in_campaign");
        assertThat(calls.underCampaign(devices.get(2), Fleet.guid()).code()).isEqualTo("campaign_not_found");
        assertThat(calls.reveal(devices.get(2), "{\"campaignId\":\"" + id + "\",\"ticket\":\"" + ticket + "\"}",
                TestRealm.HELPDESK).code()).isEqualTo("invalid_request");
        assertThat(calls.reveal(devices.get(2), "{\"campaignId\":\"not-a-guid\"}", TestRealm.HELPDESK).code())
                .isEqualTo("invalid_request");

        JsonNode progress = calls.campaign(id);
        assertThat(progress.path("revealed").asLong()).isEqualTo(2);
        assertThat(progress.path("rotated").asLong()).isZero();
        JsonNode waiting = Api.get(calls.campaigns() + "/" + id + "/devices?state=WAITING").bearer(calls.token(TestRealm.HELPDESK))
                .send().json().path("items");
        assertThat(waiting).extracting(d -> d.path("deviceName").asText()).containsExactly("CRWD-A-3");
        // Found by a key-ID prefix, as typed from the recovery screen.
        String prefix = devices.get(2).osKey().keyId().substring(0, 8);
        JsonNode found = Api.get(calls.campaigns() + "/" + id + "/devices?search=" + prefix).bearer(calls.token(TestRealm.HELPDESK))
                .send().json().path("items");
        assertThat(found).extracting(d -> d.path("deviceId").asText()).containsExactly(devices.get(2).deviceId());

        // The first device's agent rotates: its new key is escrowed, and the campaign counts it rotated.
        Fleet.Key fresh = new Fleet.Key(Fleet.guid(), Fleet.recoveryPassword(), "OPERATING_SYSTEM");
        Api.Reply checkIn = Fleet.checkIn(realm.getName(), devices.get(0).deviceId(),
                Fleet.checkInBody(devices.get(0).deviceName(), null, "ENCRYPTED", List.of(fresh)));
        assertThat(checkIn.status()).as(checkIn.toString()).isEqualTo(200);
        progress = calls.campaign(id);
        assertThat(progress.path("revealed").asLong()).isEqualTo(2);
        assertThat(progress.path("rotated").asLong()).isEqualTo(1);
        JsonNode rotated = Api.get(calls.campaigns() + "/" + id + "/devices?state=ROTATED").bearer(calls.token(TestRealm.AUDITOR))
                .send().json().path("items");
        assertThat(rotated).extracting(d -> d.path("deviceId").asText()).containsExactly(devices.get(0).deviceId());
        assertThat(rotated.get(0).has("revealedAt")).isTrue();
        assertThat(rotated.get(0).has("rotatedAt")).isTrue();

        // Each release is audited with the campaign and its ticket; no per-device comment, one summary.
        JsonNode revealed = calls.audit("action=KEY_REVEALED&ticket=" + ticket);
        assertThat(revealed).hasSize(2).allSatisfy(e -> assertThat(e.path("campaignId").asText()).isEqualTo(id));
        assertThat(calls.audit("action=CAMPAIGN_REQUESTED&ticket=" + ticket)).hasSize(1);
        assertThat(calls.audit("action=CAMPAIGN_APPROVED&ticket=" + ticket)).hasSize(1);
        List<JiraComment> comments = Eventually.await(() -> jira.comments().stream()
                .filter(c -> c.issueKey().equals(ticket)).toList(), list -> !list.isEmpty(), 30);
        assertThat(comments).hasSize(1);
        assertThat(comments.get(0).internal()).isTrue();
        assertThat(comments.get(0).text()).contains("CRWD-A-1", "CRWD-A-2", "Devices released in the period: 2")
                .doesNotContain(devices.get(0).osKey().recoveryPassword(), devices.get(1).osKey().recoveryPassword());

        // Closed: nothing more is released, and deciding it again is refused.
        Api.Reply closed = Api.delete(calls.campaigns() + "/" + id).bearer(calls.token(TestRealm.APPROVER)).send();
        assertThat(closed.status()).as(closed.toString()).isEqualTo(204);
        assertThat(calls.underCampaign(devices.get(2), id).code()).isEqualTo("campaign_closed");
        assertThat(calls.campaign(id).path("status").asText()).isEqualTo("CLOSED");
        assertThat(calls.audit("action=CAMPAIGN_CLOSED&ticket=" + ticket)).hasSize(1);
        assertThat(calls.audit("action=KEY_REVEAL_DENIED&outcome=DENIED").findValuesAsText("code"))
                .contains("device_not_in_campaign", "campaign_closed");
    }

    @Test
    void creationChecksTheDevicesAndTheMajorIncidentAndCreatesNothingOtherwise() {
        List<Fleet.Device> devices = calls.fleet("CRWD-B", 2);
        String ticket = calls.majorIncident();
        int before = Api.get(calls.campaigns() + "?max=500").bearer(calls.token(TestRealm.ADMIN)).send().json().path("items").size();

        String unknown = Fleet.guid();
        Api.Reply withUnknown = calls.create("{\"ticket\":\"" + ticket + "\",\"reason\":\"r\",\"deviceIds\":[" + ids(devices)
                + ",\"" + unknown + "\"]}");
        assertThat(withUnknown.status()).as(withUnknown.toString()).isEqualTo(400);
        assertThat(withUnknown.code()).isEqualTo("invalid_request");
        assertThat(withUnknown.json().path("unknown")).extracting(JsonNode::asText).containsExactly(unknown);
        assertThat(calls.create("{\"ticket\":\"" + ticket + "\",\"reason\":\"r\",\"deviceIds\":[]}").code())
                .isEqualTo("invalid_request");
        List<Fleet.Device> six = calls.fleet("CRWD-C", 6);
        assertThat(calls.create("{\"ticket\":\"" + ticket + "\",\"reason\":\"r\",\"deviceIds\":[" + ids(six) + "]}").code())
                .as("more than campaigns.maxDevices").isEqualTo("invalid_request");
        assertThat(calls.create("{\"ticket\":\"" + ticket + "\",\"reason\":\"r\",\"search\":\"crwd-c\"}").code())
                .as("a prefix matching more than campaigns.maxDevices").isEqualTo("invalid_request");

        String plainIncident = nextTicket();
        jira.seed(JiraIssue.incident(plainIncident, "one laptop"));
        assertThat(calls.create("{\"ticket\":\"" + plainIncident + "\",\"reason\":\"r\",\"deviceIds\":[" + ids(devices) + "]}")
                .code()).isEqualTo("ticket_wrong_type");
        String done = nextTicket();
        jira.seed(JiraIssue.incident(done, "over").ofType("Major Incident").done());
        assertThat(calls.create("{\"ticket\":\"" + done + "\",\"reason\":\"r\",\"deviceIds\":[" + ids(devices) + "]}")
                .code()).isEqualTo("ticket_not_open");
        Api.Reply missing = calls.create("{\"ticket\":\"" + nextTicket() + "\",\"reason\":\"r\",\"deviceIds\":["
                + ids(devices) + "]}");
        assertThat(missing.status()).as(missing.toString()).isEqualTo(403);
        assertThat(missing.code()).isEqualTo("ticket_not_found");
        int asked = jira.requests().size();
        Api.Reply malformed = calls.create("{\"ticket\":\"not a ticket\",\"reason\":\"r\",\"deviceIds\":["
                + ids(devices) + "]}");
        assertThat(malformed.status()).as(malformed.toString()).isEqualTo(400);
        assertThat(malformed.code()).isEqualTo("invalid_ticket");
        assertThat(jira.requests()).as("a malformed ticket is not looked up").hasSize(asked);
        Api.Reply passwordOnly = Api.post(calls.campaigns(), "{\"ticket\":\"" + ticket + "\",\"reason\":\"r\","
                + "\"search\":\"crwd-b\"}").bearer(Tokens.password(realm.getName(), TestRealm.ADMIN)).send();
        assertThat(passwordOnly.status()).as("creating needs step-up").isEqualTo(401);
        assertThat(passwordOnly.code()).isEqualTo("insufficient_user_authentication");
        assertThat(Api.post(calls.campaigns(), "{\"ticket\":\"" + ticket + "\",\"reason\":\"r\",\"search\":\"crwd-b\"}")
                .bearer(calls.token(TestRealm.HELPDESK)).send().status()).as("helpdesk may not create").isEqualTo(403);
        assertThat(Api.get(calls.campaigns() + "?max=500").bearer(calls.token(TestRealm.ADMIN)).send().json().path("items").size())
                .isEqualTo(before);

        // A name prefix, case-insensitive.
        Api.Reply byName = calls.create("{\"ticket\":\"" + ticket + "\",\"reason\":\"r\",\"search\":\"crwd-b\"}");
        assertThat(byName.status()).as(byName.toString()).isEqualTo(201);
        assertThat(byName.json().path("devices").asInt()).isEqualTo(2);

        // Switched off: the endpoints are not there, and a campaignId releases nothing.
        calls.configure(false, 3);
        assertThat(Api.get(calls.campaigns()).bearer(calls.token(TestRealm.ADMIN)).send().code()).isEqualTo("not_enabled");
        assertThat(calls.underCampaign(devices.get(0), byName.json().path("campaignId").asText()).code())
                .isEqualTo("campaign_closed");
    }

    @Test
    void aClosedTicketEndsTheCampaignAtItsNextCheck() {
        List<Fleet.Device> devices = calls.fleet("CRWD-D", 2);
        String ticket = calls.majorIncident();
        String id = calls.created(ticket, devices).path("campaignId").asText();
        assertThat(calls.decide(id, "approve", TestRealm.APPROVER).status()).isEqualTo(200);
        jira.seed(JiraIssue.incident(ticket, "resolved").ofType("Major Incident").done());
        JsonNode ended = Eventually.await(() -> calls.campaign(id), c -> c.path("status").asText().equals("CLOSED"), 30);
        assertThat(ended.path("status").asText()).isEqualTo("CLOSED");
        assertThat(calls.underCampaign(devices.get(0), id).code()).isEqualTo("campaign_closed");
        assertThat(calls.audit("action=CAMPAIGN_CLOSED&ticket=" + ticket).get(0).path("reason").asText())
                .contains("no longer an open major incident");
    }

    @Test
    void aCampaignWhoseTimeIsUpReleasesNothingAndExpires() {
        List<Fleet.Device> devices = calls.fleet("CRWD-F", 2);
        String ticket = calls.majorIncident();
        String active = calls.created(ticket, devices).path("campaignId").asText();
        assertThat(calls.decide(active, "approve", TestRealm.APPROVER).status()).isEqualTo(200);
        String pending = calls.created(ticket, devices).path("campaignId").asText();
        server.run(CampaignClock.endedMinutesAgo(active, 1));
        server.run(CampaignClock.endedMinutesAgo(pending, 1));

        // Refused at once, whether or not the expiry task has run yet.
        assertThat(calls.reveal(devices.get(0), "{\"campaignId\":\"" + active + "\"}", TestRealm.ADMIN).code())
                .isEqualTo("campaign_closed");
        assertThat(calls.decide(pending, "approve", TestRealm.APPROVER).code()).isEqualTo("campaign_closed");
        for (String id : List.of(active, pending)) {
            JsonNode ended = Eventually.await(() -> calls.campaign(id), c -> c.path("status").asText().equals("EXPIRED"), 30);
            assertThat(ended.path("status").asText()).isEqualTo("EXPIRED");
        }
        assertThat(calls.audit("action=CAMPAIGN_CLOSED&ticket=" + ticket).findValuesAsText("reason"))
                .containsExactlyInAnyOrder("expired: its time ran out", "expired: not approved in time");
    }

    @Test
    void theCampaignLimitHoldsUnderConcurrentReleases() throws Exception {
        List<Fleet.Device> devices = calls.fleet("CRWD-E", 5);
        String ticket = calls.majorIncident();
        String id = calls.created(ticket, devices).path("campaignId").asText();
        assertThat(calls.decide(id, "approve", TestRealm.APPROVER).status()).isEqualTo(200);
        calls.configure(true, 3);
        String admin = calls.token(TestRealm.ADMIN);   // a user with no campaign releases yet this hour
        List<Integer> statuses = AtOnce.each(devices, d -> Api.post(Api.bitlocker(realm.getName()) + "/keys/"
                + d.deviceId() + "/reveal", "{\"campaignId\":\"" + id + "\"}").bearer(admin).send().status());
        assertThat(statuses).filteredOn(s -> s == 200).hasSize(3);
        assertThat(statuses).filteredOn(s -> s == 429).hasSize(2);
        assertThat(calls.campaign(id).path("revealed").asLong()).isEqualTo(3);
    }
}
