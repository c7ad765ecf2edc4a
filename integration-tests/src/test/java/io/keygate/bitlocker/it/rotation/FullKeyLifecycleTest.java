package io.keygate.bitlocker.it.rotation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.keygate.bitlocker.it.support.Api;
import io.keygate.bitlocker.it.support.BitLockerServerConfig;
import io.keygate.bitlocker.it.support.BrowserLogin;
import io.keygate.bitlocker.it.support.Eventually;
import io.keygate.bitlocker.it.support.Fleet;
import io.keygate.bitlocker.it.support.Mailbox;
import io.keygate.bitlocker.it.support.Realms;
import io.keygate.bitlocker.it.support.ServerMetrics;
import io.keygate.bitlocker.it.support.TestRealm;
import io.keygate.bitlocker.it.support.Tokens;
import io.keygate.bitlocker.simulators.JiraIssue;
import io.keygate.bitlocker.simulators.JiraSimulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.mail.MailServer;
import org.keycloak.testframework.mail.annotations.InjectMailServer;
import org.keycloak.testframework.realm.ManagedRealm;

/**
 * One device's key from escrow to purge on the real server: escrow → helpdesk release under an
 * open Jira incident → owner e-mailed (who, when, ticket; never the key) → rotation requested →
 * agent told → new key escrowed → old key superseded → purged after a shortened retention. Every
 * step is in the audit log and the management endpoint counted it.
 */
@KeycloakIntegrationTest(config = BitLockerServerConfig.class)
class FullKeyLifecycleTest {

    private static final String TICKET = "ITSM-4711";
    private static final String OWNER_EMAIL = TestRealm.OWNER + "@example.test";

    @InjectMailServer
    MailServer mail;

    @InjectRealm(config = TestRealm.class)
    ManagedRealm realm;

    private JiraSimulator jira;

    @BeforeEach
    void start() throws IOException {
        jira = JiraSimulator.start(JiraSimulator.Mode.CLOUD_V3, 0, "helpdesk-bot@example.test", "cloud-api-token");
        realm.updateWithCleanup(r -> r.smtp("localhost", 3025, "keygate@example.test"));
        Realms.configure(realm.getName(), "{\"enabled\":true,\"local\":{\"kek\":\"" + Fleet.KEK + "\"},"
                + "\"ticketing\":{\"system\":\"jira\",\"apiVersion\":\"3\",\"baseUrl\":\"" + jira.baseUrl() + "\","
                + "\"username\":\"helpdesk-bot@example.test\",\"token\":\"cloud-api-token\",\"annotate\":true},"
                + "\"rotation\":{\"afterReveal\":true,\"retainPreviousDays\":7},"
                + "\"notifications\":{\"notifyOwner\":true,\"auditorEmails\":[]}}");
    }

    @AfterEach
    void stop() {
        jira.stop();
    }

    private JsonNode device(String deviceId) {
        return Api.get(Api.bitlocker(realm.getName()) + "/keys/" + deviceId)
                .bearer(Tokens.password(realm.getName(), TestRealm.ADMIN)).send().json();
    }

    private List<String> actions(String deviceId) {
        JsonNode items = Api.get(Api.bitlocker(realm.getName()) + "/keys/audit?max=500&deviceId=" + deviceId)
                .bearer(Tokens.password(realm.getName(), TestRealm.AUDITOR)).send().json().path("items");
        List<String> actions = new ArrayList<>();
        items.forEach(e -> actions.add(0, e.path("action").asText()));
        return actions;
    }

    @Test
    void escrowRevealRotateSupersedePurgeAuditedMailedAndCounted() {
        ServerMetrics before = ServerMetrics.scrape();

        // 1. The agent escrows the device's key.
        Fleet.Device laptop = Fleet.escrow(realm.getName(), "LIFECYCLE-LAPTOP", TestRealm.OWNER);
        jira.seed(JiraIssue.incident(TICKET, "User locked out of LIFECYCLE-LAPTOP after BIOS update"));

        // 2. Helpdesk releases it under the open incident.
        Api.Reply reveal = Api.post(Api.bitlocker(realm.getName()) + "/keys/" + laptop.deviceId() + "/reveal",
                "{\"ticket\":\"" + TICKET + "\"}").bearer(BrowserLogin.cachedStepUpToken(realm, TestRealm.HELPDESK)).send();
        assertThat(reveal.status()).as(reveal.toString()).isEqualTo(200);
        assertThat(reveal.json().path("recoveryPassword").asText()).isEqualTo(laptop.osKey().recoveryPassword());
        String auditId = reveal.json().path("auditId").asText();

        // 3. The owner is told who released it, when, under which ticket — and not the key.
        Mailbox.Mail told = Mailbox.await(mail, OWNER_EMAIL, m -> m.text().contains(auditId), 20);
        assertThat(told.subject()).contains("LIFECYCLE-LAPTOP");
        assertThat(told.text()).contains("Released by: " + TestRealm.HELPDESK, "Ticket: " + TICKET + " (jira)",
                jira.baseUrl(), "Released at: 20");
        assertThat(told.html()).contains(">" + TICKET + "</a>");
        assertThat(told.all()).doesNotContain(laptop.osKey().recoveryPassword())
                .doesNotContainPattern(Fleet.RECOVERY_PASSWORD_SHAPE);

        // 4. A rotation is requested and the agent is told at its next check-in.
        assertThat(reveal.json().path("rotation").path("status").asText()).isEqualTo("PENDING");
        Api.Reply checkIn = Fleet.checkIn(realm.getName(), laptop.deviceId(),
                Fleet.checkInBody("LIFECYCLE-LAPTOP", TestRealm.OWNER, "ENCRYPTED", laptop.keys()));
        assertThat(checkIn.json().path("rotationRequested").asBoolean()).isTrue();

        // 5. It escrows the new key; the rotation completes and the old key is superseded.
        Fleet.Key fresh = new Fleet.Key(Fleet.guid(), Fleet.recoveryPassword(), "OPERATING_SYSTEM");
        Api.Reply rotated = Fleet.checkIn(realm.getName(), laptop.deviceId(),
                Fleet.checkInBody("LIFECYCLE-LAPTOP", TestRealm.OWNER, "ENCRYPTED", List.of(fresh)));
        assertThat(rotated.json().path("rotationRequested").asBoolean()).isFalse();
        JsonNode after = device(laptop.deviceId());
        assertThat(after.path("rotation").path("status").asText()).isEqualTo("COMPLETED");
        assertThat(after.path("keys")).hasSize(2);
        after.path("keys").forEach(k -> assertThat(k.path("state").asText())
                .isEqualTo(k.path("keyId").asText().equals(fresh.keyId()) ? "ACTIVE" : "SUPERSEDED"));

        // 6. With the retention shortened to zero days, housekeeping purges the superseded key.
        Realms.configure(realm.getName(), "{\"rotation\":{\"retainPreviousDays\":0}}");
        JsonNode keys = Eventually.await(() -> device(laptop.deviceId()).path("keys"), k -> k.size() == 1, 20);
        assertThat(keys).hasSize(1);
        assertThat(keys.get(0).path("keyId").asText()).isEqualTo(fresh.keyId());

        // 7. Each step is audited, in order; the ticket got its internal comment.
        assertThat(actions(laptop.deviceId())).containsSubsequence("KEY_ESCROWED", "KEY_REVEALED", "ROTATION_REQUESTED",
                "KEY_ESCROWED", "ROTATION_COMPLETED", "KEY_PURGED");
        assertThat(Eventually.await(() -> actions(laptop.deviceId()), a -> a.contains("TICKET_ANNOTATED"), 10))
                .contains("TICKET_ANNOTATED");
        assertThat(jira.comments()).anyMatch(c -> c.issueKey().equals(TICKET) && c.internal());

        // 8. The management endpoint counted it all.
        ServerMetrics metrics = ServerMetrics.scrape();
        assertThat(metrics.since(before, "bitlocker_reveals_total", "outcome=\"SUCCESS\"", "source=\"HELPDESK\"")).isEqualTo(1.0);
        assertThat(metrics.since(before, "bitlocker_ticket_check_seconds_count", "system=\"jira\"", "result=\"found\"")).isEqualTo(1.0);
        assertThat(metrics.since(before, "bitlocker_key_source_seconds_count", "source=\"local\"", "result=\"ok\"")).isEqualTo(1.0);
        assertThat(metrics.since(before, "bitlocker_rotations_total", "state=\"PENDING\"")).isEqualTo(1.0);
        assertThat(metrics.since(before, "bitlocker_rotations_total", "state=\"COMPLETED\"")).isEqualTo(1.0);
        assertThat(metrics.since(before, "bitlocker_notifications_total", "kind=\"OWNER_KEY_RELEASED\"", "outcome=\"SENT\""))
                .isEqualTo(1.0);
        assertThat(metrics.text()).doesNotContain(laptop.osKey().recoveryPassword(), fresh.recoveryPassword());
    }
}
