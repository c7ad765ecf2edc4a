package io.keygate.bitlocker.it.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.keygate.bitlocker.it.support.Api;
import io.keygate.bitlocker.it.support.BitLockerServerConfig;
import io.keygate.bitlocker.it.support.Browser;
import io.keygate.bitlocker.it.support.BrowserLogin;
import io.keygate.bitlocker.it.support.Console;
import io.keygate.bitlocker.it.support.Fleet;
import io.keygate.bitlocker.it.support.JiraCloud;
import io.keygate.bitlocker.it.support.Realms;
import io.keygate.bitlocker.it.support.TestRealm;
import io.keygate.bitlocker.simulators.JiraIssue;
import io.keygate.bitlocker.simulators.JiraSimulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * SPEC §13: every console page without serious or critical axe-core violations, at 1280×800 and at
 * 390×844, and the main task (find a device, open it) done with the keyboard alone.
 */
@KeycloakIntegrationTest(config = BitLockerServerConfig.class)
class ConsoleAccessibilityTest {

    private static JiraSimulator jira;
    private static int tickets = 3100;

    @InjectRealm(config = TestRealm.class)
    ManagedRealm realm;

    private Fleet.Device device;

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
        // Campaigns and a ticketing system, so that the campaign pages show a real campaign.
        Realms.configure(realm.getName(), "{\"enabled\":true,\"local\":{\"kek\":\"" + Fleet.KEK + "\"},"
                + "\"campaigns\":{\"enabled\":true}," + JiraCloud.ticketing(jira) + "}");
        device = Fleet.escrow(realm.getName(), "A11Y-PC-" + System.nanoTime() % 100000, TestRealm.OWNER);
    }

    /** An approved campaign of the device, asked for by the admin and approved by the approver through the API. */
    private String activeCampaign() {
        String ticket = "ITSM-" + (++tickets);
        jira.seed(JiraIssue.incident(ticket, "Faulty firmware update: devices at the BitLocker recovery screen"));
        Api.Reply created = Api.post(Api.bitlocker(realm.getName()) + "/campaigns", "{\"ticket\":\"" + ticket
                        + "\",\"reason\":\"Faulty firmware update\",\"deviceIds\":[\"" + device.deviceId() + "\"]}")
                .bearer(BrowserLogin.cachedStepUpToken(realm, TestRealm.ADMIN)).send();
        assertThat(created.status()).as("campaign: %s", created).isEqualTo(201);
        String campaignId = created.json().path("campaignId").asText();
        Api.Reply approved = Api.post(Api.bitlocker(realm.getName()) + "/campaigns/" + campaignId + "/approve", "{}")
                .bearer(BrowserLogin.cachedStepUpToken(realm, TestRealm.APPROVER)).send();
        assertThat(approved.status()).as("approval: %s", approved).isEqualTo(200);
        return campaignId;
    }

    private void assertAccessible(Browser browser, String page, By ready, String screenshot) {
        browser.open(Console.url(realm.getName()) + page);
        browser.waitFor(ready);
        browser.screenshot(screenshot);
        assertThat(browser.seriousAccessibilityViolations()).as("axe-core on %s", page).isEmpty();
        // The console's strict policy (no inline script or style) costs no page anything.
        assertThat(browser.consoleMessages()).as("what the console's Content-Security-Policy refused on %s", page)
                .noneMatch(m -> m.contains("Content Security Policy"));
    }

    @ParameterizedTest(name = "{0}x{1}")
    @CsvSource({"1280, 800", "390, 844"})
    void everyPageHasNoSeriousViolations(int width, int height) {
        String size = width + "x" + height;
        try (Browser admin = Browser.start(width, height)) {
            admin.open(Console.url(realm.getName()));
            admin.logIn(TestRealm.ADMIN, TestRealm.PASSWORD);
            admin.waitFor(By.id("search"));
            assertAccessible(admin, "#/?q=A11Y-PC", By.cssSelector("[data-testid=results]"), "a11y-find-" + size);
            assertAccessible(admin, "#/devices/" + device.deviceId(), By.cssSelector("[data-testid=keys]"), "a11y-device-" + size);
            assertAccessible(admin, "#/requests", By.id("request-status"), "a11y-requests-" + size);
            assertAccessible(admin, "#/health", By.cssSelector("[data-testid=status-chart]"), "a11y-health-" + size);
            assertAccessible(admin, "#/audit", By.cssSelector("[data-testid=audit-entries]"), "a11y-audit-" + size);
            String campaignId = activeCampaign();
            assertAccessible(admin, "#/campaigns", By.cssSelector("[data-testid=campaigns]"), "a11y-campaigns-" + size);
            assertAccessible(admin, "#/campaigns/" + campaignId, By.cssSelector("[data-testid=campaign-waiting-devices]"),
                    "a11y-campaign-" + size);
            assertAccessible(admin, "#/campaigns/new", By.id("campaign-devices"), "a11y-campaign-new-" + size);
            // The preview of a pasted list, with a device found and one not.
            admin.type(By.id("campaign-devices"), device.deviceName() + "\nNO-SUCH-PC");
            admin.click("Show the devices found");
            admin.waitFor(By.cssSelector("[data-testid=campaign-not-found]"));
            admin.screenshot("a11y-campaign-preview-" + size);
            assertThat(admin.seriousAccessibilityViolations()).as("axe-core on the campaign preview").isEmpty();
            // Nothing is cut off sideways at this width.
            Object overflow = admin.script(
                    "return document.documentElement.scrollWidth > document.documentElement.clientWidth + 1;");
            assertThat(overflow).as("horizontal scrolling on the audit page at %s", size).isEqualTo(false);
        }
        if (width < 768) {
            // On a phone the navigation sits behind the masthead's toggle, which opens it.
            try (Browser helpdesk = Browser.start(width, height)) {
                helpdesk.open(Console.url(realm.getName()));
                helpdesk.logIn(TestRealm.ADMIN, TestRealm.PASSWORD);
                helpdesk.waitFor(By.id("search"));
                assertThat(helpdesk.isShown(By.linkText("Audit log"))).isFalse();
                helpdesk.waitFor(By.cssSelector("button[aria-label='Show or hide the navigation']")).click();
                helpdesk.waitForClickable(By.linkText("Audit log")).click();   // once the panel has slid in
                helpdesk.waitFor(By.id("audit-device"));
                helpdesk.waitUntil(d -> !helpdesk.isShown(By.linkText("Escrow health")));
                helpdesk.screenshot("a11y-navigation-" + size);
            }
        }
        try (Browser realmAdmin = Browser.start(width, height)) {
            realmAdmin.open(Console.url(realm.getName()));
            realmAdmin.logIn(TestRealm.REALM_ADMIN, TestRealm.PASSWORD);
            realmAdmin.waitFor(By.tagName("h1"));
            assertAccessible(realmAdmin, "#/settings", By.id("setting-limits-revealsPerUserPerHour"), "a11y-settings-" + size);
        }
    }

    @Test
    void aDeviceIsFoundAndOpenedWithTheKeyboardAlone() {
        try (Browser helpdesk = Browser.start(1280, 800)) {
            helpdesk.open(Console.url(realm.getName()));
            helpdesk.logIn(TestRealm.HELPDESK, TestRealm.PASSWORD);
            helpdesk.waitFor(By.id("search"));
            // From the top of the page: Tab until the search field has the focus, type, Enter.
            WebElement body = helpdesk.driver().findElement(By.tagName("body"));
            body.click();
            for (int i = 0; i < 20 && !"search".equals(focusedId(helpdesk)); i++) {
                helpdesk.driver().switchTo().activeElement().sendKeys(Keys.TAB);
            }
            assertThat(focusedId(helpdesk)).as("the search field is reached with Tab").isEqualTo("search");
            helpdesk.driver().switchTo().activeElement().sendKeys(device.deviceName(), Keys.ENTER);
            helpdesk.waitForText(By.cssSelector("[data-testid=results]"), device.deviceName());
            for (int i = 0; i < 10 && !device.deviceName().equals(helpdesk.driver().switchTo().activeElement().getText()); i++) {
                helpdesk.driver().switchTo().activeElement().sendKeys(Keys.TAB);
            }
            assertThat(helpdesk.driver().switchTo().activeElement().getText()).isEqualTo(device.deviceName());
            helpdesk.driver().switchTo().activeElement().sendKeys(Keys.ENTER);
            helpdesk.waitForText(By.tagName("h1"), device.deviceName());
            // The reveal form's fields follow in order, each with its label.
            for (int i = 0; i < 30 && !"reveal-ticket".equals(focusedId(helpdesk)); i++) {
                helpdesk.driver().switchTo().activeElement().sendKeys(Keys.TAB);
            }
            assertThat(focusedId(helpdesk)).isEqualTo("reveal-ticket");
            assertThat(helpdesk.driver().findElement(By.cssSelector("label[for=reveal-ticket]")).getText()).contains("Incident ticket");
        }
    }

    private static String focusedId(Browser browser) {
        return browser.driver().switchTo().activeElement().getAttribute("id");
    }
}
