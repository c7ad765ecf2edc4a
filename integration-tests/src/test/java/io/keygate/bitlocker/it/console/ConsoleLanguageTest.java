package io.keygate.bitlocker.it.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Pattern;

import io.keygate.bitlocker.it.support.Api;
import io.keygate.bitlocker.it.support.BitLockerServerConfig;
import io.keygate.bitlocker.it.support.Browser;
import io.keygate.bitlocker.it.support.BrowserLogin;
import io.keygate.bitlocker.it.support.Fleet;
import io.keygate.bitlocker.it.support.JiraCloud;
import io.keygate.bitlocker.it.support.Realms;
import io.keygate.bitlocker.it.support.TestRealm;
import io.keygate.bitlocker.it.support.Users;
import io.keygate.bitlocker.simulators.JiraIssue;
import io.keygate.bitlocker.simulators.JiraSimulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;
import org.openqa.selenium.By;

/**
 * SPEC §13: the console speaks the user's language. In a realm with internationalization on (en, de, fr,
 * es), a user whose {@code locale} is German visits every page of the console: each is in German, with
 * dates in the German way, and no text of the English bundle is left on it — visible, or read out to
 * a screen reader (aria-label, title, placeholder). Texts that are the same in both languages (names,
 * "Status", "Ticket") are not English leftovers and are not looked for.
 */
@KeycloakIntegrationTest(config = BitLockerServerConfig.class)
class ConsoleLanguageTest {

    private static final Path BUNDLES = Path.of("..", "themes", "src", "main", "resources", "theme-resources", "messages");
    private static final String GERMAN_USER = "gerda.german";

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

    private Fleet.Device device;
    private String userId;

    @BeforeEach
    void germanUserInAMultilingualRealm() {
        realm.updateWithCleanup(r -> r.internationalizationEnabled(true).supportedLocales("en", "de", "fr", "es").defaultLocale("en"));
        Realms.configure(realm.getName(), "{\"enabled\":true,\"local\":{\"kek\":\"" + Fleet.KEK + "\"}}");
        device = Fleet.escrow(realm.getName(), "SPRACHE-PC-" + System.nanoTime() % 100000, TestRealm.OWNER);

        UserRepresentation user = Users.withEmail(GERMAN_USER, GERMAN_USER + "@example.test", true);
        user.setFirstName("Gerda");
        user.setLastName("German");
        user.setAttributes(Map.of("locale", List.of("de")));
        userId = Users.create(realm, user);
        var roles = realm.admin().users().get(userId).roles();
        roles.realmLevel().add(List.of(realm.admin().roles().get("bitlocker-admin").toRepresentation()));
        String realmManagement = realm.admin().clients().findByClientId("realm-management").get(0).getId();
        roles.clientLevel(realmManagement).add(List.of(
                realm.admin().clients().get(realmManagement).roles().get("view-realm").toRepresentation(),
                realm.admin().clients().get(realmManagement).roles().get("manage-realm").toRepresentation()));
    }

    @AfterEach
    void removeUser() {
        if (userId != null) {
            realm.admin().users().delete(userId).close();
        }
    }

    @Test
    void aGermanUserFindsNoEnglishTextOnAnyPage() throws IOException {
        Map<String, String> leftovers = englishTextsThatGermanChanges();
        assertThat(leftovers).as("English texts to look for").hasSizeGreaterThan(100);

        String console = Api.BASE + "/realms/" + realm.getName() + "/devices/security/bitlocker/console/";
        try (Browser browser = Browser.start(1280, 800)) {
            browser.open(console);
            browser.logIn(GERMAN_USER, TestRealm.PASSWORD);
            browser.waitForText(By.tagName("h1"), "Wiederherstellungsschlüssel finden");
            assertThat(browser.script("return document.documentElement.lang;")).isEqualTo("de");

            // Each page with the name of its screenshot (docs/screenshots shows some of them: scripts/screenshots.sh).
            List<Page> pages = List.of(
                    new Page("find", "#/?q=SPRACHE-PC", By.cssSelector("[data-testid=results]")),
                    new Page("device", "#/devices/" + device.deviceId(), By.cssSelector("[data-testid=keys]")),
                    new Page("device-not-found", "#/devices/00000000-0000-4000-8000-000000000000",
                            By.cssSelector("[data-testid=problem]")),
                    new Page("requests", "#/requests", By.id("request-status")),
                    new Page("health", "#/health", By.cssSelector("[data-testid=status-chart]")),
                    new Page("audit", "#/audit", By.cssSelector("[data-testid=audit-entries]")),
                    new Page("settings", "#/settings", By.id("setting-limits-revealsPerUserPerHour")),
                    // Campaigns are off in this realm: the page says so, in German.
                    new Page("campaigns-off", "#/campaigns", By.cssSelector("[data-testid=campaigns-off]")),
                    new Page("campaign-new", "#/campaigns/new", By.id("campaign-devices")));
            for (Page page : pages) {
                assertNoEnglish(browser, console, page, leftovers);
            }

            // With campaigns on, a campaign's list entry, progress and waiting devices.
            Realms.configure(realm.getName(), "{\"enabled\":true,\"local\":{\"kek\":\"" + Fleet.KEK + "\"},"
                    + "\"campaigns\":{\"enabled\":true}," + JiraCloud.ticketing(jira) + "}");
            String ticket = "ITSM-" + System.nanoTime() % 100000;
            jira.seed(JiraIssue.incident(ticket, "Fehlerhaftes Firmware-Update"));
            Api.Reply created = Api.post(Api.bitlocker(realm.getName()) + "/campaigns", "{\"ticket\":\"" + ticket
                            + "\",\"reason\":\"Firmware-Update\",\"deviceIds\":[\"" + device.deviceId() + "\"]}")
                    .bearer(BrowserLogin.cachedStepUpToken(realm, TestRealm.ADMIN)).send();
            assertThat(created.status()).as("campaign: %s", created).isEqualTo(201);
            String campaignId = created.json().path("campaignId").asText();
            assertNoEnglish(browser, console, new Page("campaigns", "#/campaigns", By.cssSelector("[data-testid=campaigns]")), leftovers);
            assertNoEnglish(browser, console, new Page("campaign", "#/campaigns/" + campaignId,
                    By.cssSelector("[data-testid=campaign-waiting-devices]")), leftovers);

            // Dates in the German way (day.month.year) on the device page.
            browser.open(console + "#/devices/" + device.deviceId());
            String keys = browser.waitFor(By.cssSelector("[data-testid=keys]")).getText();
            assertThat(keys).containsPattern("\\d{2}\\.\\d{2}\\.\\d{4}");
            assertThat(keys).contains("Betriebssystemlaufwerk");
        }
    }

    /** A page of the console: the name of its screenshot, its route, and what shows it is there. */
    private record Page(String name, String route, By ready) {
    }

    /** Opens the page, waits for it, saves it as {@code de-console-<name>.png}, and finds none of the English texts on it. */
    private static void assertNoEnglish(Browser browser, String console, Page visited, Map<String, String> leftovers) {
        browser.open(console + visited.route());
        browser.waitFor(visited.ready());
        String page = visited.route();
        browser.screenshot("de-console-" + visited.name());
        List<String> english = new ArrayList<>();
        for (String text : textsOnPage(browser)) {
            leftovers.forEach((key, pattern) -> {
                if (Pattern.compile(pattern).matcher(text).matches()) {
                    english.add(key + ": " + text);
                }
            });
        }
        assertThat(english).as("English texts on %s", page).isEmpty();
    }

    /** Every text and every name a screen reader is given on the page, each trimmed. */
    @SuppressWarnings("unchecked")
    private static List<String> textsOnPage(Browser browser) {
        return (List<String>) browser.script("""
                const out = [];
                const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
                for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                  const text = node.textContent.trim();
                  if (text) out.push(text);
                }
                for (const element of document.body.querySelectorAll('[aria-label], [title], [placeholder]')) {
                  for (const name of ['aria-label', 'title', 'placeholder']) {
                    const value = (element.getAttribute(name) || '').trim();
                    if (value) out.push(value);
                  }
                }
                out.push(document.title);
                return out;
                """);
    }

    /**
     * The English bundle's texts of the console that the German bundle says differently, each as a pattern
     * of a whole text on the page (placeholders match anything). A text the same in both is a name or a code.
     */
    private static Map<String, String> englishTextsThatGermanChanges() throws IOException {
        Properties english = load("messages_en.properties");
        Properties german = load("messages_de.properties");
        Map<String, String> patterns = new TreeMap<>();
        for (String key : german.stringPropertyNames()) {
            String en = english.getProperty(key);
            if (en != null && !en.equals(german.getProperty(key))) {
                List<String> parts = Arrays.stream(en.split("\\{\\{\\w+}}", -1)).map(Pattern::quote).toList();
                patterns.put(key, String.join(".*", parts));
            }
        }
        return patterns;
    }

    private static Properties load(String name) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(BUNDLES.resolve(name), StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        return properties;
    }
}
