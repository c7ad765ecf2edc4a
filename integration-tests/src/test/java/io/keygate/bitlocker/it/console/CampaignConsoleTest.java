package io.keygate.bitlocker.it.console;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.openqa.selenium.Keys;

/**
 * The console's campaign page (SPEC §14, issue 25) in headless Chromium against the real server: an
 * administrator pastes the incident's devices and sees which were found, a second person approves, and a
 * technician at the recovery screens types a key ID's first characters, Enter, Enter — the key of the one
 * device that matches — while the campaign's progress shows released and rotated devices.
 */
@KeycloakIntegrationTest(config = BitLockerServerConfig.class)
class CampaignConsoleTest {

    private static JiraSimulator jira;
    private static int tickets = 2500;

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
        // Rotation after a reveal is on: a device whose agent then checks in with a new key counts as rotated.
        Realms.configure(realm.getName(), "{\"enabled\":true,\"local\":{\"kek\":\"" + Fleet.KEK + "\"},"
                + "\"rotation\":{\"afterReveal\":true},\"limits\":{\"revealsPerUserPerHour\":1000},"
                + "\"campaigns\":{\"enabled\":true}," + JiraCloud.ticketing(jira) + "}");
    }

    @Test
    void aCampaignIsCreatedApprovedByASecondPersonAndATechnicianRevealsByKeyIdInTwoKeystrokes() {
        int n = ++tickets;
        Fleet.Device first = Fleet.escrow(realm.getName(), "FLEET-" + n + "-01", null);
        Fleet.Device second = Fleet.escrow(realm.getName(), "FLEET-" + n + "-02", null);
        Fleet.Device third = Fleet.escrow(realm.getName(), "FLEET-" + n + "-03", null);
        String ticket = "ITSM-" + n;
        jira.seed(JiraIssue.incident(ticket, "Faulty endpoint-security update: machines at the BitLocker recovery screen"));
        String console = Console.url(realm.getName());

        try (Browser admin = Browser.start(1280, 800); Browser approver = Browser.start(1280, 800);
                Browser technician = Browser.start(1280, 800)) {
            // Names in any case and an ID, one a line or comma-separated; a name nobody has is shown as not found.
            admin.open(console + "#/campaigns/new");
            admin.logIn(TestRealm.ADMIN, TestRealm.PASSWORD);
            admin.type(By.id("campaign-ticket"), ticket);
            admin.type(By.id("campaign-reason"), "Faulty endpoint-security update, the fleet is at the recovery screen");
            admin.type(By.id("campaign-devices"), first.deviceName() + "\n" + second.deviceName().toLowerCase() + ", "
                    + third.deviceId().toUpperCase() + "\nNO-SUCH-PC-" + n);
            admin.click("Show the devices found");
            admin.waitForText(By.cssSelector("[data-testid=campaign-found-count]"), "Devices found: 3");
            admin.waitForText(By.cssSelector("[data-testid=campaign-not-found]"), "NO-SUCH-PC-" + n);
            assertThat(admin.waitFor(By.cssSelector("[data-testid=campaign-found]")).getText())
                    .contains(first.deviceName(), second.deviceName(), third.deviceId());
            admin.screenshot("campaign-preview");
            admin.click("Request the campaign");
            admin.stepUp(realm.getName(), TestRealm.ADMIN, TestRealm.TOTP_SECRET);
            admin.waitForText(By.cssSelector("[data-testid=campaign-status]"), "Waiting for approval");
            String campaignPage = admin.driver().getCurrentUrl();
            assertThat(campaignPage).contains("#/campaigns/");
            assertThat(admin.isShown(By.id("campaign-approve"))).as("the requester approves nothing").isFalse();

            // A second person approves, with the step-up.
            approver.open(campaignPage);
            approver.logIn(TestRealm.APPROVER, TestRealm.PASSWORD);
            approver.waitFor(By.id("campaign-approve")).click();
            approver.stepUp(realm.getName(), TestRealm.APPROVER, TestRealm.TOTP_SECRET);
            approver.waitForText(By.cssSelector("[data-testid=campaign-status]"), "Active");
            approver.waitForText(By.cssSelector("[data-testid=campaign-decided-by]"), TestRealm.APPROVER);

            // The technician: key ID prefix, Enter selects the one device, Enter reveals (the first time after the step-up).
            technician.open(campaignPage);
            technician.logIn(TestRealm.HELPDESK, TestRealm.PASSWORD);
            revealByKeyId(technician, first);
            technician.stepUp(realm.getName(), TestRealm.HELPDESK, TestRealm.TOTP_SECRET);
            assertRevealed(technician, first);
            technician.waitForText(By.id("campaign-revealed"), "1 of 3");
            technician.waitForText(By.cssSelector("[data-testid=campaign-waiting-devices]"), second.deviceName());
            assertThat(technician.waitFor(By.cssSelector("[data-testid=campaign-waiting-devices]")).getText())
                    .contains(third.deviceName()).doesNotContain(first.deviceName());
            technician.screenshot("campaign-revealed");

            // While the step-up is fresh, the next device takes its two keystrokes and no sign-in.
            assertThat(technician.driver().switchTo().activeElement().getAttribute("id")).isEqualTo("campaign-find");
            revealByKeyId(technician, second);
            assertRevealed(technician, second);
            technician.waitForText(By.id("campaign-revealed"), "2 of 3");
            JsonNode released = Api.get(Api.bitlocker(realm.getName()) + "/keys/audit?max=1&action=KEY_REVEALED")
                    .bearer(Tokens.password(realm.getName(), TestRealm.AUDITOR)).send().json().path("items").get(0);
            assertThat(released.path("deviceId").asText()).isEqualTo(second.deviceId());
            assertThat(campaignPage).contains(released.path("campaignId").asText("no campaignId in the audit entry"));

            // The first device's agent checks in with its new key: the rotation completed, the device is safe again.
            Fleet.checkIn(realm.getName(), first.deviceId(), Fleet.checkInBody(first.deviceName(), null, "ENCRYPTED",
                    List.of(new Fleet.Key(Fleet.guid(), Fleet.recoveryPassword(), "OPERATING_SYSTEM"))));
            approver.open(campaignPage);
            approver.waitForText(By.id("campaign-rotated"), "1 of 3");
            approver.waitForText(By.id("campaign-revealed"), "2 of 3");
            approver.screenshot("campaign-progress");

            // Closing it ends the releases under it.
            admin.open(campaignPage);
            admin.waitFor(By.id("campaign-close")).click();
            admin.waitForText(By.cssSelector("[data-testid=campaign-status]"), "Closed");

            List<String> passwords = List.of(first.osKey().recoveryPassword(), second.osKey().recoveryPassword());
            admin.assertNothingLeaked(passwords);
            approver.assertNothingLeaked(passwords);
            technician.assertNothingLeaked(passwords);
        }
    }

    /** The first 8 characters of the device's key ID, Enter; then Enter on the reveal button the match put the focus on. */
    private static void revealByKeyId(Browser technician, Fleet.Device device) {
        technician.waitFor(By.id("campaign-find")).sendKeys(device.osKey().keyId().substring(0, 8).toUpperCase(), Keys.ENTER);
        technician.waitForText(By.cssSelector("[data-testid=campaign-match]"), device.deviceName());
        technician.waitUntil(d -> "campaign-reveal".equals(d.switchTo().activeElement().getAttribute("id")));
        technician.driver().switchTo().activeElement().sendKeys(Keys.ENTER);
    }

    private static void assertRevealed(Browser technician, Fleet.Device device) {
        technician.waitForText(By.cssSelector("[data-testid=revealed] h2"), device.deviceName());
        assertThat(technician.driver().findElement(By.cssSelector("[data-testid=recovery-password]")).getText()
                .replaceAll("\\s", "")).isEqualTo(device.osKey().recoveryPassword());
    }
}
