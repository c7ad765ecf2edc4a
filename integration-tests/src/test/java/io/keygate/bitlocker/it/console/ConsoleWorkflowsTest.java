package io.keygate.bitlocker.it.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.keygate.bitlocker.it.support.Api;
import io.keygate.bitlocker.it.support.BitLockerServerConfig;
import io.keygate.bitlocker.it.support.Browser;
import io.keygate.bitlocker.it.support.Console;
import io.keygate.bitlocker.it.support.Fleet;
import io.keygate.bitlocker.it.support.JiraCloud;
import io.keygate.bitlocker.it.support.Realms;
import io.keygate.bitlocker.it.support.TestRealm;
import io.keygate.bitlocker.it.support.Tokens;
import io.keygate.bitlocker.simulators.JiraIssue;
import io.keygate.bitlocker.simulators.JiraSimulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;
import org.openqa.selenium.By;

/**
 * The console's other people (SPEC §11–§13) in headless Chromium against the real server: a release
 * approved by a second person, an auditor's day (entries, CSV, verification against a kept
 * checkpoint) and a realm administrator's settings with the server's validation.
 */
@KeycloakIntegrationTest(config = BitLockerServerConfig.class)
class ConsoleWorkflowsTest {

    private static JiraSimulator jira;
    private static int tickets = 950;

    @InjectRealm(config = TestRealm.class)
    ManagedRealm realm;

    @BeforeAll
    static void startJira() {
        jira = JiraCloud.start();
    }

    @AfterAll
    static void stopJira() {
        jira.stop();
    }

    @BeforeEach
    void enable() {
        configure("[]");
    }

    private void configure(String approvalRequiredFor) {
        Realms.configure(realm.getName(), Console.helpdeskConfig(jira, "\"approval\":{\"requiredFor\":" + approvalRequiredFor
                + ",\"useWithinMinutes\":60,\"pendingHours\":24}"));
    }

    @Test
    void aSecondPersonApprovesAndTheRequesterRevealsOnce() {
        configure("[\"helpdesk\"]");
        Fleet.Device device = Fleet.escrow(realm.getName(), "APPROVAL-PC-" + (++tickets), null);
        String ticket = "ITSM-" + tickets;
        jira.seed(JiraIssue.incident(ticket, "BitLocker recovery screen on " + device.deviceName()));
        String password = device.osKey().recoveryPassword();

        try (Browser helpdesk = Browser.start(1280, 800); Browser approver = Browser.start(1280, 800)) {
            helpdesk.open(Console.url(realm.getName()) + "#/devices/" + device.deviceId());
            helpdesk.logIn(TestRealm.HELPDESK, TestRealm.PASSWORD);
            helpdesk.type(By.id("reveal-ticket"), ticket);
            helpdesk.click("Reveal key");
            helpdesk.stepUp(realm.getName(), TestRealm.HELPDESK, TestRealm.TOTP_SECRET);
            helpdesk.waitForText(By.cssSelector("[data-testid=problem]"), "A second person must approve this release.");
            helpdesk.click("Request approval");
            helpdesk.waitFor(By.cssSelector("[data-testid=approval-requested]"));
            helpdesk.screenshot("console-approval-requested");
            JsonNode requested = lastAudit("RELEASE_REQUESTED");
            String requestId = requested.path("approval").path("requestId").asText(
                    requested.path("approvalRequestId").asText());

            // The approver's queue shows it; approving asks for the second factor, then decides.
            approver.open(Console.url(realm.getName()));
            approver.logIn(TestRealm.APPROVER, TestRealm.PASSWORD);
            approver.waitForText(By.cssSelector("[data-testid=requests]"), device.deviceName());
            approver.screenshot("console-approver-queue");
            approver.driver().findElement(By.linkText(device.deviceName())).click();
            approver.waitForText(By.cssSelector("[data-testid=request-status]"), "Waiting for approval");
            approver.type(By.id("decision-reason"), "Caller verified by phone");
            approver.click("Approve");
            approver.stepUp(realm.getName(), TestRealm.APPROVER, TestRealm.TOTP_SECRET);
            approver.waitForText(By.cssSelector("[data-testid=request-status]"), "Approved");
            approver.screenshot("console-approved");
            assertThat(approver.isShown(By.xpath("//button[normalize-space()='Approve']"))).isFalse();

            // The requester uses the approval: same key and ticket, once.
            helpdesk.open(Console.url(realm.getName()) + "#/requests");
            helpdesk.waitFor(By.linkText(device.deviceName())).click();
            helpdesk.waitFor(By.cssSelector("[data-testid=approved] a")).click();
            helpdesk.waitUntil(d -> ticket.equals(d.findElement(By.id("reveal-ticket")).getAttribute("value")));
            helpdesk.click("Reveal key");
            helpdesk.waitFor(By.cssSelector("[data-testid=recovery-password]"));
            assertThat(helpdesk.driver().findElement(By.cssSelector("[data-testid=recovery-password]")).getText()
                    .replaceAll("\\s", "")).isEqualTo(password);
            JsonNode released = lastAudit("KEY_REVEALED");
            assertThat(released.path("deviceId").asText()).isEqualTo(device.deviceId());
            assertThat(released.path("approval").path("approver").path("username").asText()).isEqualTo(TestRealm.APPROVER);
            if (!requestId.isEmpty()) {
                assertThat(released.path("approval").path("requestId").asText()).isEqualTo(requestId);
            }

            helpdesk.assertNothingLeaked(List.of(password));
            approver.assertNothingLeaked(List.of(password));
        }
    }

    @Test
    void anAuditorSeesTheEntriesDownloadsTheCsvAndVerifiesAgainstAKeptCheckpoint() throws IOException {
        Fleet.Device device = Fleet.escrow(realm.getName(), "AUDITED-PC-" + (++tickets), null);
        String ticket = "ITSM-" + tickets;
        jira.seed(JiraIssue.incident(ticket, "BitLocker recovery screen on " + device.deviceName()));
        Api.Reply reveal = Api.post(Api.bitlocker(realm.getName()) + "/keys/" + device.deviceId() + "/reveal",
                "{\"ticket\":\"" + ticket + "\"}").bearer(io.keygate.bitlocker.it.support.BrowserLogin
                .cachedStepUpToken(realm, TestRealm.HELPDESK)).send();
        assertThat(reveal.status()).as(reveal.toString()).isEqualTo(200);

        try (Browser auditor = Browser.start(1280, 800)) {
            auditor.open(Console.url(realm.getName()));
            auditor.logIn(TestRealm.AUDITOR, TestRealm.PASSWORD);
            // An auditor cannot search keys: the console opens on escrow health.
            auditor.waitFor(By.cssSelector("[data-testid=status-chart]"));
            assertThat(auditor.driver().findElements(By.linkText("Find a key"))).isEmpty();
            auditor.screenshot("console-escrow-health");

            auditor.driver().findElement(By.linkText("Audit log")).click();
            auditor.type(By.id("audit-device"), device.deviceId());
            auditor.click("Show entries");
            auditor.waitForText(By.cssSelector("[data-testid=audit-entries]"), "KEY_REVEALED");
            assertThat(auditor.driver().findElement(By.cssSelector("[data-testid=audit-entries]")).getText())
                    .contains(ticket, TestRealm.HELPDESK);
            auditor.screenshot("console-audit");

            auditor.click("Download CSV");
            Path csv = auditor.downloaded("bitlocker-audit");
            List<String> lines = Files.readAllLines(csv);
            assertThat(lines.get(0)).contains("\"action\"");
            assertThat(String.join("\n", lines)).contains(device.deviceId(), "KEY_REVEALED").doesNotContain(
                    device.osKey().recoveryPassword());

            auditor.click("Download a checkpoint");
            Path checkpoint = auditor.downloaded("bitlocker-checkpoint-");
            assertThat(Files.readString(checkpoint)).contains("\"checkpoint\"");
            auditor.waitUntil(d -> !d.findElement(By.id("audit-checkpoint")).getAttribute("value").isEmpty());
            auditor.click("Verify the log");
            auditor.waitForText(By.cssSelector("[data-testid=verification]"), "The audit log is intact");
            assertThat(auditor.driver().findElement(By.cssSelector("[data-testid=verification]")).getText())
                    .contains("is still part of it");
            auditor.screenshot("console-audit-verified");

            // A checkpoint that is not genuine is called out in words.
            auditor.type(By.id("audit-checkpoint"), "eyJhbGciOiJSUzI1NiJ9.eyJpZCI6IngifQ.c2ln");
            auditor.click("Verify the log");
            auditor.waitUntil(d -> d.findElements(By.cssSelector("[data-testid=verification], [data-testid=problem]"))
                    .stream().anyMatch(e -> e.getText().contains("does NOT match") || e.getText().contains("not valid")));
            auditor.assertNothingLeaked(List.of(device.osKey().recoveryPassword()));
        }
    }

    @Test
    void aRealmAdministratorChangesASettingAndSeesTheServersValidationBesideTheField() {
        try (Browser admin = Browser.start(1280, 800)) {
            admin.open(Console.url(realm.getName()));
            admin.logIn(TestRealm.REALM_ADMIN, TestRealm.PASSWORD);
            admin.waitFor(By.id("setting-limits-revealsPerUserPerHour"));

            admin.type(By.id("setting-limits-revealsPerUserPerHour"), "0");
            admin.click("Save");
            admin.waitFor(By.cssSelector("[data-testid=field-error]"));
            String message = admin.driver().findElement(By.cssSelector("[data-testid=field-error]")).getText();
            assertThat(message).contains("limits.revealsPerUserPerHour").contains("between 1 and");
            // The message sits in the same form group as the field it names.
            assertThat(admin.driver().findElement(By.xpath("//input[@id='setting-limits-revealsPerUserPerHour']"
                    + "/ancestor::div[contains(@class,'pf-v5-c-form__group')][1]//*[@data-testid='field-error']"))
                    .isDisplayed()).isTrue();
            admin.screenshot("console-settings-error");
            assertThat(config().path("limits").path("revealsPerUserPerHour").asInt()).isEqualTo(1000);
            // Secrets stay masked in the form.
            assertThat(admin.driver().findElement(By.id("setting-ticketing-token")).getAttribute("type")).isEqualTo("password");
            assertThat(admin.driver().findElement(By.id("setting-ticketing-token")).getAttribute("value"))
                    .doesNotContain("cloud-api-token");

            admin.type(By.id("setting-limits-revealsPerUserPerHour"), "25");
            admin.click("Save");
            admin.waitFor(By.cssSelector("[data-testid=settings-saved]"));
            assertThat(config().path("limits").path("revealsPerUserPerHour").asInt()).isEqualTo(25);
            assertThat(config().path("ticketing").path("token").asText()).isEqualTo("**********");
            assertThat(lastAudit("CONFIG_CHANGED").path("actor").path("username").asText()).isEqualTo(TestRealm.REALM_ADMIN);
        }
    }

    private JsonNode config() {
        return Api.get(Api.adminConfig(realm.getName())).bearer(Tokens.masterAdmin()).send().json();
    }

    private JsonNode lastAudit(String action) {
        return Api.get(Api.bitlocker(realm.getName()) + "/keys/audit?max=1&action=" + action)
                .bearer(Tokens.password(realm.getName(), TestRealm.AUDITOR)).send().json().path("items").get(0);
    }
}
