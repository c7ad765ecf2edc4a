package io.keygate.bitlocker.it.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.keygate.bitlocker.it.support.Api;
import io.keygate.bitlocker.it.support.BitLockerServerConfig;
import io.keygate.bitlocker.it.support.Browser;
import io.keygate.bitlocker.it.support.Console;
import io.keygate.bitlocker.it.support.Fleet;
import io.keygate.bitlocker.it.support.Realms;
import io.keygate.bitlocker.it.support.TestRealm;
import io.keygate.bitlocker.it.support.Tokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;
import org.openqa.selenium.By;

/**
 * SPEC §13 self-service: in Keycloak's account console with the theme {@code keygate}, a device
 * owner finds "Device recovery keys", sees only their own devices, and reveals their own key after
 * the step-up the extension asks for.
 */
@KeycloakIntegrationTest(config = BitLockerServerConfig.class)
class AccountPageTest {

    @InjectRealm(config = TestRealm.class)
    ManagedRealm realm;

    @BeforeEach
    void enable() {
        Realms.configure(realm.getName(), "{\"enabled\":true,\"local\":{\"kek\":\"" + Fleet.KEK + "\"},"
                + "\"rotation\":{\"afterReveal\":false},\"notifications\":{\"notifyOwner\":false},"
                + "\"selfService\":{\"enabled\":true,\"requireStepUp\":true}}");
        Console.useAccountTheme(realm);
    }

    @ParameterizedTest(name = "{0}x{1}")
    @CsvSource({"1280, 800", "390, 844"})
    void anOwnerRevealsTheirOwnKeyFromTheAccountConsole(int width, int height) {
        String size = width + "x" + height;
        Fleet.Device mine = Fleet.escrow(realm.getName(), "OWNED-PC-" + width, TestRealm.OWNER);
        Fleet.Device theirs = Fleet.escrow(realm.getName(), "NOT-MINE-PC-" + width, TestRealm.OTHER);
        String keyId = mine.osKey().keyId();
        String password = mine.osKey().recoveryPassword();

        try (Browser owner = Browser.start(width, height)) {
            owner.open(Api.BASE + "/realms/" + realm.getName() + "/account/");
            owner.logIn(TestRealm.OWNER, TestRealm.PASSWORD);
            // The stock account console is still there; our page is one more entry of its navigation.
            if (width < 768) {
                // On a phone the navigation is closed: the entry is there, and its address opens the page.
                owner.waitUntil(d -> !d.findElements(By.cssSelector("a[data-testid=device-recovery-keys]")).isEmpty());
                owner.open(Api.BASE + "/realms/" + realm.getName() + "/account/device-recovery-keys");
            } else {
                owner.waitFor(By.cssSelector("a[data-testid=device-recovery-keys]")).click();
            }
            owner.waitForText(By.cssSelector("h1[data-testid=page-heading]"), "Device recovery keys");
            owner.waitForText(By.id("keygate-devices"), mine.deviceName());
            assertThat(owner.driver().findElement(By.id("keygate-devices")).getText()).doesNotContain(theirs.deviceName());
            owner.screenshot("account-device-keys-" + size);
            assertThat(owner.seriousAccessibilityViolations()).as("axe-core on the account page").isEmpty();

            owner.waitFor(By.id("keygate-reveal-" + keyId)).click();
            // Self-service needs step-up: the one-time code, then the reveal repeats by itself.
            owner.stepUp(realm.getName(), TestRealm.OWNER, TestRealm.TOTP_SECRET);
            owner.waitFor(By.id("keygate-recovery-password"));
            assertThat(owner.driver().findElement(By.id("keygate-recovery-password")).getText().replaceAll("\\s", ""))
                    .isEqualTo(password);
            owner.screenshot("account-revealed-" + size);

            JsonNode released = Api.get(Api.bitlocker(realm.getName()) + "/keys/audit?max=1&action=KEY_REVEALED")
                    .bearer(Tokens.password(realm.getName(), TestRealm.AUDITOR)).send().json().path("items").get(0);
            assertThat(released.path("keyId").asText()).isEqualTo(keyId);
            assertThat(released.path("source").asText()).isEqualTo("SELF_SERVICE");
            assertThat(released.path("actor").path("username").asText()).isEqualTo(TestRealm.OWNER);
            assertThat(released.path("clientId").asText()).isEqualTo("account-console");

            owner.driver().findElement(By.id("keygate-hide")).click();
            owner.waitUntil(d -> d.findElements(By.id("keygate-recovery-password")).isEmpty());
            assertThat(owner.driver().getPageSource()).doesNotContain(password);
            owner.assertNothingLeaked(List.of(password));
        }
    }
}
