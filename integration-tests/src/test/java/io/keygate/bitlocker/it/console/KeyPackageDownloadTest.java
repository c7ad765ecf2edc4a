package io.keygate.bitlocker.it.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;

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
import org.junit.jupiter.api.Test;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;
import org.openqa.selenium.By;

/**
 * A helpdesk agent rescuing a drive with damaged BitLocker metadata (SPEC §3 {@code keyPackage}): the reveal form
 * also downloads the key package as {@code <keyId>.kpg}, which {@code repair-bde -kp} takes with the password.
 */
@KeycloakIntegrationTest(config = BitLockerServerConfig.class)
class KeyPackageDownloadTest {

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

    @Test
    void theHelpdeskDownloadsTheKeyPackageWithThePassword() throws IOException {
        Realms.configure(realm.getName(), Console.helpdeskConfig(jira));
        Fleet.Device device = new Fleet.Device(Fleet.guid(), "DAMAGED-PC-1",
                List.of(new Fleet.Key(Fleet.guid(), Fleet.recoveryPassword(), "OPERATING_SYSTEM")));
        String keyPackage = Fleet.keyPackage(3000);
        Api.Reply checkIn = Fleet.checkIn(realm.getName(), device.deviceId(), Fleet.checkInBody(device.deviceName(), null,
                "ENCRYPTED", device.keys(), Map.of(device.osKey().keyId(), keyPackage)));
        assertThat(checkIn.status()).as(checkIn.toString()).isEqualTo(200);
        String ticket = "ITSM-771";
        jira.seed(JiraIssue.incident(ticket, "BitLocker metadata damaged on " + device.deviceName()));
        String password = device.osKey().recoveryPassword();

        try (Browser helpdesk = Browser.start(1280, 800)) {
            helpdesk.open(Console.url(realm.getName()) + "#/devices/" + device.deviceId());
            helpdesk.logIn(TestRealm.HELPDESK, TestRealm.PASSWORD);
            helpdesk.type(By.id("reveal-ticket"), ticket);
            helpdesk.waitFor(By.id("reveal-key-package")).click();
            helpdesk.click("Reveal key");
            // Step-up, then the form is sent again by itself — with the key package still asked for.
            helpdesk.stepUp(realm.getName(), TestRealm.HELPDESK, TestRealm.TOTP_SECRET);
            helpdesk.waitFor(By.cssSelector("[data-testid=recovery-password]"));
            helpdesk.waitForText(By.cssSelector("[data-testid=key-package-saved]"), device.osKey().keyId() + ".kpg");
            helpdesk.screenshot("console-key-package");

            Path file = helpdesk.downloaded(device.osKey().keyId() + ".kpg");
            assertThat(Files.readAllBytes(file)).as("the package the agent sealed").isEqualTo(Base64.getDecoder().decode(keyPackage));
            assertThat(helpdesk.driver().findElement(By.cssSelector("[data-testid=recovery-password]")).getText()
                    .replaceAll("\\s", "")).isEqualTo(password);
            helpdesk.assertNothingLeaked(List.of(password, keyPackage.substring(0, 32)));
        }
        Api.Reply audit = Api.get(Api.bitlocker(realm.getName()) + "/keys/audit?action=KEY_REVEALED&deviceId="
                + device.deviceId()).bearer(Tokens.password(realm.getName(), TestRealm.AUDITOR)).send();
        assertThat(audit.json().path("items").get(0).path("keyPackage").asBoolean()).isTrue();
    }
}
