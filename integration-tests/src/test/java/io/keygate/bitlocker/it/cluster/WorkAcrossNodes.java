package io.keygate.bitlocker.it.cluster;

import static io.keygate.bitlocker.it.cluster.TwoNodes.a;
import static io.keygate.bitlocker.it.cluster.TwoNodes.api;
import static io.keygate.bitlocker.it.cluster.TwoNodes.b;
import static io.keygate.bitlocker.it.cluster.TwoNodes.balanced;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.keygate.bitlocker.it.support.Api;
import io.keygate.bitlocker.it.support.Eventually;
import io.keygate.bitlocker.it.support.Fleet;
import io.keygate.bitlocker.it.support.JiraCloud;
import io.keygate.bitlocker.it.support.Mailbox;
import io.keygate.bitlocker.it.support.TestRealm;
import io.keygate.bitlocker.simulators.JiraIssue;
import io.keygate.bitlocker.simulators.agent.DeviceAgent;
import org.junit.jupiter.api.Test;

/**
 * Dual control (SPEC §11) and the rotation after a release (§3, §9) on two nodes: what one node begins, the
 * other finishes, from the shared database. Run as {@link TwoNodeClusterTest.HandOver}, on its nodes.
 */
abstract class WorkAcrossNodes {

    private static final String REALM = "cluster-handover-" + Long.toString(System.currentTimeMillis(), 36);
    private static final String SECOPS = "secops@example.test";
    private static final String REASON = "Laptop at the BitLocker recovery screen after a BIOS update";
    private static final String DEVICE = "HANDOVER-LAPTOP";
    private static final String TICKET = "HAND-1";

    private static Api.Reply at(Api.Call call, String user) {
        return balanced(call).bearer(TwoNodes.stepUp(REALM, user)).send();
    }

    private static long mails(String address, String subject) {
        return Mailbox.to(TwoNodes.mail.getReceivedMessages(), address).stream().filter(m -> m.subject().equals(subject)).count();
    }

    @Test
    void aReleaseAskedForAtOneNodeIsApprovedAtTheOtherAndItsRotationCompletesThroughTheOther() throws Exception {
        TwoNodes.createStaffRealm(REALM, "{\"enabled\":true,\"local\":{\"kek\":\"" + Fleet.KEK + "\"},"
                + "\"ticketing\":{\"system\":\"jira\",\"apiVersion\":\"3\",\"baseUrl\":\"" + TwoNodes.jira.baseUrl() + "\","
                + "\"username\":\"" + JiraCloud.USER + "\",\"token\":\"" + JiraCloud.TOKEN + "\",\"annotate\":false,"
                + "\"requireDeviceReference\":true,\"maxDevicesPerTicket\":1},"
                + "\"approval\":{\"requiredFor\":[\"helpdesk\"]},"
                + "\"notifications\":{\"notifyOwner\":true,\"approverEmails\":[\"" + SECOPS + "\"]},"
                + "\"rotation\":{\"afterReveal\":true,\"retainPreviousDays\":7}}");
        TwoNodes.jira.seed(JiraIssue.incident(TICKET, DEVICE + " is at the BitLocker recovery screen"));
        DeviceAgent agent = DeviceAgent.withNewKey();
        Fleet.Device device = TwoNodes.escrow(a, REALM, DEVICE, TestRealm.OWNER, agent);
        String keys = api(a, REALM) + "/keys/" + device.deviceId();

        // Asked for at node A ...
        Api.Reply asked = at(Api.post(keys + "/requests", "{\"ticket\":\"" + TICKET + "\",\"reason\":\"" + REASON + "\"}"),
                TestRealm.HELPDESK);
        assertThat(asked.status()).as(asked.toString()).isEqualTo(201);
        String requestId = asked.json().path("requestId").asText();
        assertThat(asked.json().path("status").asText()).isEqualTo("PENDING");
        Api.Reply early = at(Api.post(keys + "/reveal", "{\"ticket\":\"" + TICKET + "\",\"requestId\":\"" + requestId + "\"}"),
                TestRealm.HELPDESK);
        assertThat(early.code()).as(early.toString()).isEqualTo("approval_pending");

        // ... approved at node B ...
        Api.Reply approved = at(Api.post(api(b, REALM) + "/requests/" + requestId + "/approve", "{\"reason\":\"Ticket checked\"}"),
                TestRealm.APPROVER);
        assertThat(approved.status()).as(approved.toString()).isEqualTo(200);
        assertThat(approved.json().path("status").asText()).isEqualTo("APPROVED");
        assertThat(approved.json().path("decidedBy").path("username").asText()).isEqualTo(TestRealm.APPROVER);

        // ... released at node A, with the approval in its audit entry and the follow-up rotation requested.
        Api.Reply released = at(Api.post(keys + "/reveal", "{\"ticket\":\"" + TICKET + "\",\"requestId\":\"" + requestId + "\"}"),
                TestRealm.HELPDESK);
        assertThat(released.status()).as(released.toString()).isEqualTo(200);
        assertThat(released.json().path("recoveryPassword").asText()).isEqualTo(device.osKey().recoveryPassword());
        assertThat(released.json().path("rotation").path("status").asText()).isEqualTo("PENDING");
        JsonNode entry = audit("action=KEY_REVEALED&deviceId=" + device.deviceId()).get(0);
        assertThat(entry.path("id").asText()).isEqualTo(released.json().path("auditId").asText());
        assertThat(entry.path("approval").path("requestId").asText()).isEqualTo(requestId);
        assertThat(entry.path("approval").path("approver").path("username").asText()).isEqualTo(TestRealm.APPROVER);
        Api.Reply again = at(Api.post(api(b, REALM) + "/keys/" + device.deviceId() + "/reveal",
                "{\"ticket\":\"" + TICKET + "\",\"requestId\":\"" + requestId + "\"}"), TestRealm.HELPDESK);
        assertThat(again.code()).as("the approval, used at A, is used at B too: %s", again).isEqualTo("approval_required");

        // The rotation asked for at node A is told to the agent and completed by its check-in at node B.
        Fleet.Key fresh = new Fleet.Key(Fleet.guid(), Fleet.recoveryPassword(), "OPERATING_SYSTEM");
        HttpResponse<String> told = TwoNodes.checkIn(b, REALM, TestRealm.AGENT_CLIENT, TestRealm.AGENT_SECRET, agent,
                device.deviceId(), Fleet.checkInBody(DEVICE, TestRealm.OWNER, "ENCRYPTED", device.keys()));
        assertThat(Api.JSON.readTree(told.body()).path("rotationRequested").asBoolean()).as(told.body()).isTrue();
        HttpResponse<String> rotated = TwoNodes.checkIn(b, REALM, TestRealm.AGENT_CLIENT, TestRealm.AGENT_SECRET, agent,
                device.deviceId(), Fleet.checkInBody(DEVICE, TestRealm.OWNER, "ENCRYPTED", List.of(fresh)));
        assertThat(rotated.statusCode()).as(rotated.body()).isEqualTo(200);
        JsonNode seenAtA = at(Api.get(keys), TestRealm.HELPDESK).json();
        assertThat(seenAtA.path("rotation").path("status").asText()).as(seenAtA.toString()).isEqualTo("COMPLETED");
        assertThat(seenAtA.path("keys").findValuesAsText("state")).containsExactlyInAnyOrder("ACTIVE", "SUPERSEDED");
        assertThat(audit("action=ROTATION_COMPLETED&deviceId=" + device.deviceId())).hasSize(1);

        // The e-mails of the way: each approver asked once, the requester told once, the owner told of the release once
        // (the owner's, queued last, is the sign that the earlier ones have had their time).
        String ownerSubject = "The BitLocker recovery key of your device " + DEVICE + " was released";
        Eventually.await(() -> mails(TestRealm.OWNER + "@example.test", ownerSubject), n -> n > 0, 20);
        assertThat(mails(TestRealm.OWNER + "@example.test", ownerSubject)).isEqualTo(1);
        String askedSubject = "Approval needed: release of the BitLocker recovery key of " + DEVICE;
        for (String approver : List.of(TestRealm.APPROVER + "@example.test", TestRealm.ADMIN + "@example.test", SECOPS)) {
            assertThat(mails(approver, askedSubject)).as("approval e-mails to %s", approver).isEqualTo(1);
        }
        assertThat(mails(TestRealm.HELPDESK + "@example.test",
                "Approved: your request to release the BitLocker recovery key of " + DEVICE)).isEqualTo(1);
    }

    private static JsonNode audit(String query) {
        return balanced(Api.get(api(b, REALM) + "/keys/audit?" + query))
                .bearer(TwoNodes.password(REALM, TestRealm.AUDITOR)).send().json().path("items");
    }
}
