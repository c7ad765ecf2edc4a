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
import org.openqa.selenium.WindowType;
import org.openqa.selenium.support.ui.Select;

/**
 * The helpdesk console (SPEC §13) in headless Chromium against the real server: an agent finds a
 * device from the key ID on the recovery screen, is asked for a one-time code when revealing, is
 * refused with a closed ticket and told why, and reveals with an open one.
 */
@KeycloakIntegrationTest(config = BitLockerServerConfig.class)
class HelpdeskConsoleTest {

    private static JiraSimulator jira;

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
        Realms.configure(realm.getName(), Console.helpdeskConfig(jira));
    }

    @Test
    void helpdeskFindsByKeyIdPrefixStepsUpAtRevealIsRefusedWithAClosedTicketAndRevealsWithAnOpenOne() {
        Fleet.Device device = Fleet.escrow(realm.getName(), "CONSOLE-PC-1", TestRealm.OWNER);
        for (int i = 1; i <= 3; i++) {
            Fleet.escrow(realm.getName(), "CONSOLE-OTHER-" + i, null);
        }
        jira.seed(JiraIssue.incident("ITSM-901", "Laptop CONSOLE-PC-1 asks for its recovery key").done(),
                JiraIssue.incident("ITSM-902", "BitLocker recovery screen on CONSOLE-PC-1"));
        String keyId = device.osKey().keyId();
        String password = device.osKey().recoveryPassword();

        try (Browser browser = Browser.start(1280, 800)) {
            browser.open(Console.url(realm.getName()));
            browser.logIn(TestRealm.HELPDESK, TestRealm.PASSWORD);
            // Signing in to the console asks for the password only (level 1).
            browser.waitFor(By.id("search"));
            assertThat(browser.driver().findElement(By.cssSelector("[data-testid=signed-in-as]")).getText())
                    .contains(TestRealm.HELPDESK);

            // The first 8 characters of the key ID, as the recovery screen shows them.
            browser.type(By.id("search"), keyId.substring(0, 8).toUpperCase());
            browser.driver().findElement(By.cssSelector("button[type=submit]")).click();
            browser.waitForText(By.cssSelector("[data-testid=results]"), "CONSOLE-PC-1");
            assertThat(browser.driver().findElements(By.cssSelector("[data-testid=results] tbody tr"))).hasSize(1);
            browser.screenshot("console-find-by-key-id");

            browser.driver().findElement(By.linkText("CONSOLE-PC-1")).click();
            browser.waitForText(By.tagName("h1"), "CONSOLE-PC-1");
            browser.waitForText(By.cssSelector("[data-testid=keys]"), keyId.toUpperCase());
            browser.screenshot("console-device");

            // A closed incident: the reveal first asks for the second factor, then says why it is refused.
            browser.type(By.id("reveal-ticket"), "ITSM-901");
            new Select(browser.driver().findElement(By.id("reveal-reason"))).selectByVisibleText("Forgotten BitLocker PIN");
            browser.type(By.id("reveal-details"), "User on the phone, travelling");
            browser.driver().findElement(By.xpath("//button[normalize-space()='Reveal key']")).click();
            browser.waitUntil(d -> d.getCurrentUrl().contains("/protocol/openid-connect/auth")
                    || !d.findElements(By.id("otp")).isEmpty() || !d.findElements(By.id("password")).isEmpty());
            if (browser.isShown(By.id("password"))) {
                // max_age makes Keycloak ask who you are again before the second factor
                browser.logIn(TestRealm.HELPDESK, TestRealm.PASSWORD);
            }
            browser.screenshot("console-step-up-otp");
            browser.enterOtp(realm.getName(), TestRealm.HELPDESK, TestRealm.TOTP_SECRET);

            browser.waitForText(By.cssSelector("[data-testid=problem]"), "This ticket is closed.");
            assertThat(browser.driver().findElement(By.cssSelector("[data-testid=problem]")).getText())
                    .contains("Reopen the incident");
            assertThat(browser.isShown(By.cssSelector("[data-testid=revealed]"))).isFalse();
            assertThat(browser.driver().findElement(By.id("reveal-ticket")).getAttribute("value")).isEqualTo("ITSM-901");
            browser.screenshot("console-ticket-closed");
            JsonNode denial = lastAudit("KEY_REVEAL_DENIED");
            assertThat(denial.path("code").asText()).isEqualTo("ticket_not_open");
            assertThat(denial.path("clientId").asText()).isEqualTo("bitlocker-console");

            // An open incident naming the device: the key, in its eight groups.
            browser.type(By.id("reveal-ticket"), "ITSM-902");
            browser.driver().findElement(By.xpath("//button[normalize-space()='Reveal key']")).click();
            browser.waitFor(By.cssSelector("[data-testid=recovery-password]"));
            String shown = browser.driver().findElement(By.cssSelector("[data-testid=recovery-password]")).getText()
                    .replaceAll("\\s", "");
            assertThat(shown).isEqualTo(password);
            assertThat(browser.driver().findElements(By.cssSelector(".keygate-password__group"))).hasSize(8);
            browser.screenshot("console-revealed");
            JsonNode released = lastAudit("KEY_REVEALED");
            assertThat(released.path("ticket").path("key").asText()).isEqualTo("ITSM-902");
            assertThat(released.path("keyId").asText()).isEqualTo(keyId);
            assertThat(released.path("reason").asText()).isEqualTo("Forgotten BitLocker PIN: User on the phone, travelling");
            assertThat(released.path("clientId").asText()).isEqualTo("bitlocker-console");

            // Hidden when the agent switches to another tab, and gone from the page.
            String console = browser.driver().getWindowHandle();
            browser.driver().switchTo().newWindow(WindowType.TAB);
            browser.driver().close();
            browser.driver().switchTo().window(console);
            browser.waitUntil(d -> d.findElements(By.cssSelector("[data-testid=recovery-password]")).isEmpty());
            assertThat(browser.driver().getPageSource()).doesNotContain(password);

            // Revealed again (a second release, audited), then hidden on demand.
            browser.click("Reveal key");
            browser.waitFor(By.cssSelector("[data-testid=recovery-password]"));
            browser.click("Hide now");
            browser.waitUntil(d -> d.findElements(By.cssSelector("[data-testid=recovery-password]")).isEmpty());
            assertThat(browser.driver().getPageSource()).doesNotContain(password);

            browser.assertNothingLeaked(List.of(password));
        }
    }

    private JsonNode lastAudit(String action) {
        return Api.get(Api.bitlocker(realm.getName()) + "/keys/audit?max=1&action=" + action)
                .bearer(Tokens.password(realm.getName(), TestRealm.AUDITOR)).send().json().path("items").get(0);
    }
}
