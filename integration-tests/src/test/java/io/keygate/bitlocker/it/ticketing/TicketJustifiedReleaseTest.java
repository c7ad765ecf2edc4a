package io.keygate.bitlocker.it.ticketing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import io.keygate.bitlocker.it.support.Api;
import io.keygate.bitlocker.it.support.BitLockerServerConfig;
import io.keygate.bitlocker.it.support.BrowserLogin;
import io.keygate.bitlocker.it.support.Eventually;
import io.keygate.bitlocker.it.support.Fleet;
import io.keygate.bitlocker.it.support.Realms;
import io.keygate.bitlocker.it.support.TestRealm;
import io.keygate.bitlocker.it.support.Tokens;
import io.keygate.bitlocker.it.support.server.Outbox;
import io.keygate.bitlocker.simulators.Fault;
import io.keygate.bitlocker.simulators.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.testframework.remote.runonserver.InjectRunOnServer;
import org.keycloak.testframework.remote.runonserver.RunOnServerClient;

/**
 * SPEC §6 for Jira Cloud, Jira Data Center and ServiceNow: a helpdesk release happens only on an
 * open incident that names the device, checked live; every other verdict is a denial, audited.
 */
@KeycloakIntegrationTest(config = BitLockerServerConfig.class)
class TicketJustifiedReleaseTest {

    private static final AtomicInteger NEXT = new AtomicInteger(100);

    @InjectRealm(config = TestRealm.class)
    ManagedRealm realm;

    @InjectRunOnServer(permittedPackages = "io.keygate.bitlocker.it")
    RunOnServerClient server;

    @AfterAll
    static void stopSimulators() {
        for (TicketSystem system : TicketSystem.values()) {
            system.simulator().stop();
        }
    }

    private Fleet.Device prepare(TicketSystem system) {
        Realms.configure(realm.getName(), "{\"enabled\":true,\"local\":{\"kek\":\"" + Fleet.KEK + "\"},"
                + "\"rotation\":{\"afterReveal\":false},\"limits\":{\"revealsPerUserPerHour\":1000},"
                + "\"ticketing\":" + system.config() + "}");
        Realms.configure(realm.getName(), "{\"ticketing\":{\"incidentTypes\":[\"Incident\"],\"requireDeviceReference\":true,"
                + "\"maxDevicesPerTicket\":1,\"annotate\":true}}");
        system.simulator().clearFaults();
        return Fleet.escrow(realm.getName(), system.name().replace('_', '-') + "-PC-" + NEXT.incrementAndGet(), TestRealm.OWNER);
    }

    private String ticket(TicketSystem system) {
        return system.key(NEXT.incrementAndGet());
    }

    private Api.Reply reveal(Fleet.Device device, String ticket) {
        return Api.post(Api.bitlocker(realm.getName()) + "/keys/" + device.deviceId() + "/reveal",
                Api.JSON.createObjectNode().put("ticket", ticket).toString())
                .bearer(BrowserLogin.cachedStepUpToken(realm, TestRealm.HELPDESK)).send();
    }

    private JsonNode lastAudit(String action) {
        return lastAudit(action, null);
    }

    /** The newest entry of an action, for one ticket when given (write-backs of other tests run in the background). */
    private JsonNode lastAudit(String action, String ticket) {
        return Api.get(Api.bitlocker(realm.getName()) + "/keys/audit?max=1&action=" + action
                        + (ticket == null ? "" : "&ticket=" + ticket))
                .bearer(Tokens.password(realm.getName(), TestRealm.AUDITOR)).send().json().path("items").get(0);
    }

    private void assertDenied(Api.Reply reply, int status, String code, String ticket) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(status);
        assertThat(reply.code()).isEqualTo(code);
        JsonNode denial = lastAudit("KEY_REVEAL_DENIED");
        assertThat(denial.path("code").asText()).isEqualTo(code);
        assertThat(denial.path("ticket").path("key").asText()).isEqualTo(ticket);
    }

    @ParameterizedTest
    @EnumSource(TicketSystem.class)
    void helpdeskWithAnOpenIncidentNamingTheDeviceGetsTheKeyAndTheTicketIsRecorded(TicketSystem system) {
        Fleet.Device device = prepare(system);
        String ticket = ticket(system);
        system.open(ticket, device.deviceName());

        Api.Reply reply = reveal(device, ticket);

        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        assertThat(reply.json().path("recoveryPassword").asText()).isEqualTo(device.osKey().recoveryPassword());
        JsonNode t = reply.json().path("ticket");
        assertThat(t.path("system").asText()).isEqualTo(system == TicketSystem.SERVICENOW ? "servicenow" : "jira");
        assertThat(t.path("key").asText()).isEqualTo(ticket);
        assertThat(t.path("url").asText()).startsWith(system.simulator().baseUrl());
        assertThat(t.path("status").asText()).isNotBlank();
        assertThat(t.path("type").asText()).isEqualTo("Incident");
        JsonNode audited = lastAudit("KEY_REVEALED");
        assertThat(audited.path("id").asText()).isEqualTo(reply.json().path("auditId").asText());
        assertThat(audited.path("ticket").path("key").asText()).isEqualTo(ticket);
        assertThat(audited.path("ticket").path("url").asText()).isEqualTo(t.path("url").asText());
        assertThat(audited.path("source").asText()).isEqualTo("HELPDESK");
    }

    @ParameterizedTest
    @EnumSource(TicketSystem.class)
    void everyTicketRuleHasItsDenial(TicketSystem system) {
        Fleet.Device device = prepare(system);
        Fleet.Device other = Fleet.escrow(realm.getName(), "OTHER-" + NEXT.incrementAndGet(), null);

        String missing = ticket(system);
        assertDenied(reveal(device, missing), 403, "ticket_not_found", missing);

        String task = ticket(system);
        system.wrongType(task, device.deviceName());
        assertDenied(reveal(device, task), 403, "ticket_wrong_type", task);

        String closed = ticket(system);
        system.closed(closed, device.deviceName());
        assertDenied(reveal(device, closed), 403, "ticket_not_open", closed);

        String elsewhere = ticket(system);
        system.open(elsewhere, other.deviceName());
        assertDenied(reveal(device, elsewhere), 403, "ticket_device_mismatch", elsewhere);

        // One ticket releases the keys of at most maxDevicesPerTicket (1) devices.
        String both = ticket(system);
        system.open(both, device.deviceName() + " and " + other.deviceName());
        assertThat(reveal(device, both).status()).isEqualTo(200);
        assertThat(reveal(device, both).status()).as("the same device again").isEqualTo(200);
        assertDenied(reveal(other, both), 403, "ticket_reuse_limit", both);
    }

    @ParameterizedTest
    @EnumSource(TicketSystem.class)
    void injectionAttemptsAreRefusedBeforeAnyRequestReachesTheTicketingSystem(TicketSystem system) {
        Fleet.Device device = prepare(system);
        system.simulator().clearRequests();
        for (String attempt : List.of("ITSM-1 OR key=ITSM-2", "ITSM-1\" OR \"1\"=\"1", "ITSM-1/../../myself",
                "ITSM-1?jql=project=HR", "INC0012345^ORactive=true", "INC0012345&sysparm_query=active=true",
                "itsm-1", "INC12", "ITSM-1%0A", "../admin", "ITSM-1 ")) {
            Api.Reply reply = reveal(device, attempt);
            assertThat(reply.status()).as(attempt).isEqualTo(400);
            assertThat(reply.code()).isEqualTo("invalid_ticket");
        }
        // Write-backs of earlier releases may still arrive; none of the attempts may.
        for (RecordedRequest request : system.simulator().requests()) {
            String target = request.path() + "?" + request.query();
            assertThat(target).doesNotContain("ITSM-1/", "ITSM-1?", "ITSM-1 ", "ITSM-1\"", "ITSM-1%", "itsm-1",
                    "INC0012345", "INC12", "admin", "myself", "jql", "sysparm_query");
        }
    }

    @ParameterizedTest
    @EnumSource(TicketSystem.class)
    void anOutageDuringAReleaseFailsClosedAndIsAudited(TicketSystem system) {
        Fleet.Device device = prepare(system);
        String ticket = ticket(system);
        system.open(ticket, device.deviceName());

        system.simulator().injectFault(Fault.status(503).times(50));
        Api.Reply down = reveal(device, ticket);
        system.simulator().clearFaults();
        system.simulator().injectFault(Fault.status(401).times(50));
        Api.Reply refused = reveal(device, ticket);
        system.simulator().clearFaults();

        assertDenied(down, 503, "ticketing_unavailable", ticket);
        assertDenied(refused, 503, "ticketing_unavailable", ticket);
        assertThat(down.body()).doesNotContain(device.osKey().recoveryPassword());
    }

    @ParameterizedTest
    @EnumSource(TicketSystem.class)
    void rateLimitingWithRetryAfterIsWaitedOut(TicketSystem system) {
        Fleet.Device device = prepare(system);
        String ticket = ticket(system);
        system.open(ticket, device.deviceName());
        system.simulator().injectFault(Fault.tooManyRequests(1).times(1));

        Api.Reply reply = reveal(device, ticket);

        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    }

    @ParameterizedTest
    @EnumSource(TicketSystem.class)
    void theTicketGetsOneInternalCommentEvenAfterAnOutageAndNeverTheKey(TicketSystem system) throws InterruptedException {
        Fleet.Device device = prepare(system);
        String ticket = ticket(system);
        system.open(ticket, device.deviceName());
        Api.Reply released = reveal(device, ticket);
        assertThat(released.status()).as(released.toString()).isEqualTo(200);
        String auditId = released.json().path("auditId").asText();

        // The ticketing system goes down right after the release: the write-back waits it out.
        system.simulator().injectFault(Fault.status(503).times(3));
        List<String> notes = List.of();
        for (int i = 0; i < 60 && notes.isEmpty(); i++) {
            Thread.sleep(500);
            notes = system.annotations().stream().filter(n -> n.contains(auditId)).toList();
        }
        Thread.sleep(2500);
        notes = system.annotations().stream().filter(n -> n.contains(auditId)).toList();

        assertThat(notes).hasSize(1);
        assertThat(notes.get(0)).startsWith("internal:").contains(device.deviceName()).contains(device.osKey().keyId())
                .contains(TestRealm.HELPDESK).doesNotContain(device.osKey().recoveryPassword());
        for (RecordedRequest request : system.simulator().requests()) {
            assertThat(request.containsRecoveryPassword()).as(request.method() + " " + request.path()).isFalse();
        }
        JsonNode annotated = lastAudit("TICKET_ANNOTATED", ticket);
        assertThat(annotated.path("ticket").path("key").asText()).isEqualTo(ticket);
        assertThat(annotated.path("reason").asText()).contains(auditId);
        JsonNode failed = lastAudit("TICKET_ANNOTATION_FAILED", ticket);
        assertThat(failed.path("ticket").path("key").asText()).isEqualTo(ticket);
    }

    @ParameterizedTest
    @EnumSource(TicketSystem.class)
    void aDeliveryCutOffByACrashIsNotCommentedTwiceNorLost(TicketSystem system) {
        Fleet.Device device = prepare(system);
        Realms.configure(realm.getName(), "{\"ticketing\":{\"annotate\":false}}");
        String ticket = ticket(system);
        system.open(ticket, device.deviceName());
        String first = reveal(device, ticket).json().path("auditId").asText();
        String second = reveal(device, ticket).json().path("auditId").asText();

        // A node went down after the system took the first comment but before it recorded so ...
        system.addInternalNote(ticket, "BitLocker recovery key released by Keycloak BitLocker Key Gate.\nAudit entry: " + first);
        server.run(Outbox.interruptedAnnotation(realm.getId(), first, system.system(), ticket, device.deviceId(),
                device.deviceName(), device.osKey().keyId(), TestRealm.HELPDESK));
        // ... and after it sent the second, which the system never took.
        server.run(Outbox.interruptedAnnotation(realm.getId(), second, system.system(), ticket, device.deviceId(),
                device.deviceName(), device.osKey().keyId(), TestRealm.HELPDESK));

        JsonNode found = Eventually.await(() -> annotatedEntry(ticket, first), e -> !e.isMissingNode(), 20);
        JsonNode resent = Eventually.await(() -> annotatedEntry(ticket, second), e -> !e.isMissingNode(), 20);
        assertThat(found.path("reason").asText()).contains("found on the ticket after an interrupted delivery");
        assertThat(resent.path("reason").asText()).doesNotContain("found on the ticket");
        assertThat(system.annotations().stream().filter(n -> n.contains(first))).hasSize(1);
        assertThat(system.annotations().stream().filter(n -> n.contains(second))).hasSize(1);
        Realms.configure(realm.getName(), "{\"ticketing\":{\"annotate\":true}}");
    }

    @org.junit.jupiter.api.Test
    void wikiMarkupInADeviceNameReachesAJiraDataCenterCommentAsText() {
        TicketSystem system = TicketSystem.JIRA_DATA_CENTER;
        prepare(system);
        Fleet.Device device = Fleet.escrow(realm.getName(), "[Click-" + NEXT.incrementAndGet() + "|https://phish.example]",
                TestRealm.OWNER);
        String ticket = ticket(system);
        system.open(ticket, device.deviceName());

        Api.Reply released = reveal(device, ticket);
        assertThat(released.status()).as(released.toString()).isEqualTo(200);
        String auditId = released.json().path("auditId").asText();

        List<String> notes = Eventually.await(() -> system.annotations().stream().filter(n -> n.contains(auditId)).toList(),
                n -> !n.isEmpty(), 20);
        String escaped = device.deviceName().replace("[", "\\[").replace("|", "\\|").replace("]", "\\]");
        assertThat(notes.get(0)).contains("Device: " + escaped).doesNotContain("Device: [");
    }

    /** The TICKET_ANNOTATED entry of one release (missing until there is one). */
    private JsonNode annotatedEntry(String ticket, String auditId) {
        JsonNode items = Api.get(Api.bitlocker(realm.getName()) + "/keys/audit?max=50&action=TICKET_ANNOTATED&ticket=" + ticket)
                .bearer(Tokens.password(realm.getName(), TestRealm.AUDITOR)).send().json().path("items");
        for (JsonNode item : items) {
            if (item.path("reason").asText().endsWith(auditId)) {
                return item;
            }
        }
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }
}
