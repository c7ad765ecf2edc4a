package io.keygate.bitlocker.it.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.keygate.bitlocker.it.support.Api;
import io.keygate.bitlocker.it.support.BitLockerServerConfig;
import io.keygate.bitlocker.it.support.Browser;
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
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;
import org.openqa.selenium.By;
import org.openqa.selenium.WindowType;

/**
 * SPEC §13: "Copy" puts the recovery password on the clipboard, and hiding it (the "Hide now" button, the
 * tab hidden, the timer) takes it off again if it is still there; where the page may not read the
 * clipboard it is cleared whatever it holds. In the helpdesk console and in the account page, in Chromium
 * with the clipboard allowed as a user would allow it.
 */
@KeycloakIntegrationTest(config = BitLockerServerConfig.class)
class RecoveryPasswordClipboardTest {

    private static final String NOTES = "Caller verified, ticket notes";
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
        Realms.configure(realm.getName(), Console.helpdeskConfig(jira, "\"notifications\":{\"notifyOwner\":false}",
                "\"selfService\":{\"enabled\":true,\"requireStepUp\":true}"));
        Console.useAccountTheme(realm);
    }

    /** The clearing runs after the page is gone from the screen: waits for the clipboard to change. */
    private static String clipboardOnceChangedFrom(Browser browser, String before) {
        return browser.waitUntil(d -> {
            String now = browser.clipboard();
            return now.equals(before) ? null : now;
        });
    }

    @Test
    void theConsoleTakesACopiedPasswordOffTheClipboardWhenItIsHidden() throws InterruptedException {
        Fleet.Device device = Fleet.escrow(realm.getName(), "CLIPBOARD-PC-1", null);
        jira.seed(JiraIssue.incident("ITSM-7301", "BitLocker recovery screen on CLIPBOARD-PC-1"));
        String password = device.osKey().recoveryPassword();
        By shown = By.cssSelector("[data-testid=recovery-password]");
        By copied = By.xpath("//p[starts-with(normalize-space(), 'Copied to the clipboard.')]");

        try (Browser browser = Browser.start(1280, 800)) {
            browser.open(Api.BASE + "/realms/" + realm.getName() + "/devices/security/bitlocker/console/#/devices/"
                    + device.deviceId());
            browser.logIn(TestRealm.HELPDESK, TestRealm.PASSWORD);
            browser.allowClipboard(Api.BASE, true);
            browser.type(By.id("reveal-ticket"), "ITSM-7301");
            browser.click("Reveal key");
            browser.stepUp(realm.getName(), TestRealm.HELPDESK, TestRealm.TOTP_SECRET);

            // Copied, then hidden with the button: the clipboard no longer holds it.
            browser.waitFor(shown);
            browser.click("Copy");
            browser.waitFor(copied);
            assertThat(browser.clipboard()).isEqualTo(password);
            browser.click("Hide now");
            browser.waitUntil(d -> d.findElements(shown).isEmpty());
            assertThat(clipboardOnceChangedFrom(browser, password)).isEmpty();

            // Something else copied since: the clipboard is the user's again, left as it is.
            browser.click("Reveal key");
            browser.waitFor(shown);
            browser.click("Copy");
            browser.waitFor(copied);
            browser.setClipboard(NOTES);
            browser.click("Hide now");
            browser.waitUntil(d -> d.findElements(shown).isEmpty());
            Thread.sleep(1500);
            assertThat(browser.clipboard()).isEqualTo(NOTES);

            // Hidden because the agent went to another tab: cleared when the console has the focus again.
            browser.click("Reveal key");
            browser.waitFor(shown);
            browser.click("Copy");
            browser.waitFor(copied);
            String console = browser.driver().getWindowHandle();
            browser.driver().switchTo().newWindow(WindowType.TAB);
            browser.driver().close();
            browser.driver().switchTo().window(console);
            browser.waitUntil(d -> d.findElements(shown).isEmpty());
            assertThat(clipboardOnceChangedFrom(browser, password)).isEmpty();

            // A browser where the page may not read the clipboard: cleared, whatever it holds by then.
            browser.allowClipboard(Api.BASE, false);
            browser.click("Reveal key");
            browser.waitFor(shown);
            browser.click("Copy");
            browser.waitFor(copied);
            browser.setClipboard(NOTES);
            browser.click("Hide now");
            browser.waitUntil(d -> d.findElements(shown).isEmpty());
            browser.allowClipboard(Api.BASE, true);
            assertThat(clipboardOnceChangedFrom(browser, NOTES)).isEmpty();

            assertThat(browser.consoleMessages()).as("nothing the console's policy refused")
                    .noneMatch(m -> m.contains("Content Security Policy"));
            browser.assertNothingLeaked(java.util.List.of(password));
        }
    }

    @Test
    void theAccountPageTakesACopiedPasswordOffTheClipboardWhenItIsHidden() {
        Fleet.Device mine = Fleet.escrow(realm.getName(), "CLIPBOARD-OWNED-PC", TestRealm.OWNER);
        String keyId = mine.osKey().keyId();
        String password = mine.osKey().recoveryPassword();

        try (Browser owner = Browser.start(1280, 800)) {
            owner.open(Api.BASE + "/realms/" + realm.getName() + "/account/");
            owner.logIn(TestRealm.OWNER, TestRealm.PASSWORD);
            owner.waitFor(By.cssSelector("a[data-testid=device-recovery-keys]")).click();
            owner.waitForText(By.id("keygate-devices"), mine.deviceName());
            owner.allowClipboard(Api.BASE, true);
            owner.waitFor(By.id("keygate-reveal-" + keyId)).click();
            owner.stepUp(realm.getName(), TestRealm.OWNER, TestRealm.TOTP_SECRET);

            owner.waitFor(By.id("keygate-recovery-password"));
            owner.waitFor(By.id("keygate-copy")).click();
            owner.waitForText(By.id("keygate-copy-status"), "Copied to the clipboard.");
            assertThat(owner.clipboard()).isEqualTo(password);
            owner.driver().findElement(By.id("keygate-hide")).click();
            owner.waitUntil(d -> d.findElements(By.id("keygate-recovery-password")).isEmpty());
            assertThat(clipboardOnceChangedFrom(owner, password)).isEmpty();
            owner.assertNothingLeaked(java.util.List.of(password));
        }
    }
}
