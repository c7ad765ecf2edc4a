package io.keygate.bitlocker.it.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpServer;
import io.keygate.bitlocker.it.support.Api;
import io.keygate.bitlocker.it.support.BitLockerServerConfig;
import io.keygate.bitlocker.it.support.Browser;
import io.keygate.bitlocker.it.support.Console;
import io.keygate.bitlocker.it.support.Fleet;
import io.keygate.bitlocker.it.support.Realms;
import io.keygate.bitlocker.it.support.TestRealm;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

/**
 * SPEC §13: the console is served with its own Content-Security-Policy and {@code X-Frame-Options: DENY}
 * whatever the realm's browser security headers say (Keycloak's filter used to put the realm's over them):
 * an inline script injected into the page does not run, and a page of another origin cannot frame it.
 */
@KeycloakIntegrationTest(config = BitLockerServerConfig.class)
class ConsolePolicyTest {

    static final String POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self'; "
            + "img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'; object-src 'none'";

    /** Browser headers an administrator loosened: no script-src at all, any site may frame, no X-Frame-Options. */
    private static final String PERMISSIVE_CSP = "frame-src *; frame-ancestors *; object-src 'none';";

    @InjectRealm(config = TestRealm.class)
    ManagedRealm realm;

    @BeforeEach
    void enable() {
        Realms.configure(realm.getName(), "{\"enabled\":true,\"local\":{\"kek\":\"" + Fleet.KEK + "\"}}");
    }

    private void realmHeaders(String contentSecurityPolicy, String xFrameOptions) {
        realm.updateWithCleanup(r -> r.browserSecurityHeader("contentSecurityPolicy", contentSecurityPolicy)
                .browserSecurityHeader("xFrameOptions", xFrameOptions));
    }

    private static void assertConsolePolicy(Api.Reply reply, String what) {
        assertThat(reply.header("Content-Security-Policy")).as(what + ": Content-Security-Policy").isEqualTo(POLICY);
        assertThat(reply.header("X-Frame-Options")).as(what + ": X-Frame-Options").isEqualTo("DENY");
        assertThat(reply.header("X-Content-Type-Options")).as(what + ": X-Content-Type-Options").isEqualTo("nosniff");
        assertThat(reply.headers().getOrDefault("content-security-policy", List.of())).as(what + ": one policy").hasSize(1);
    }

    @Test
    void theConsoleSendsItsOwnPolicyWhateverTheRealmsBrowserHeadersSay() {
        // Keycloak's defaults (a CSP without script-src, X-Frame-Options SAMEORIGIN), emptied, and loosened.
        String[][] settings = {{null, null}, {"", ""}, {PERMISSIVE_CSP, ""}};
        for (String[] setting : settings) {
            String what = setting[0] == null ? "the realm's default headers" : "realm CSP '" + setting[0] + "'";
            if (setting[0] != null) {
                realmHeaders(setting[0], setting[1]);
            }
            Api.Reply page = Api.get(Console.url(realm.getName())).send();
            assertThat(page.status()).isEqualTo(200);
            assertConsolePolicy(page, what + ", the page");
            Matcher script = Pattern.compile("src=\"\\./(assets/[^\"]+\\.js)\"").matcher(page.body());
            assertThat(script.find()).as("the page's script").isTrue();
            assertConsolePolicy(Api.get(Console.url(realm.getName()) + script.group(1)).send(), what + ", its script");
            Api.Reply missing = Api.get(Console.url(realm.getName()) + "no-such-file.html").send();
            assertThat(missing.status()).isEqualTo(404);
            assertConsolePolicy(missing, what + ", a missing file");
            assertConsolePolicy(Api.get(Console.url(realm.getName()).replaceAll("/$", "")).send(), what + ", the redirect to the page");
        }
        // Keycloak's own pages still follow the realm's setting.
        assertThat(Api.get(Api.BASE + "/realms/" + realm.getName() + "/account/").send().header("Content-Security-Policy"))
                .isEqualTo(PERMISSIVE_CSP);
    }

    @Test
    void anInjectedInlineScriptDoesNotRunInTheSignedInConsole() {
        realmHeaders(PERMISSIVE_CSP, "");
        try (Browser browser = Browser.start(1280, 800)) {
            browser.open(Console.url(realm.getName()));
            browser.logIn(TestRealm.HELPDESK, TestRealm.PASSWORD);
            browser.waitFor(By.id("search"));
            assertThat(browser.consoleMessages()).as("the console itself needs nothing its policy forbids")
                    .noneMatch(m -> m.contains("Content Security Policy"));

            // What an injection would add to the page: a script element, an inline event handler, a style element.
            browser.script("window.keygateViolations = [];"
                    + "document.addEventListener('securitypolicyviolation', e => window.keygateViolations.push(e.effectiveDirective));"
                    + "const script = document.createElement('script');"
                    + "script.textContent = 'window.keygateInjected = \"script\";';"
                    + "document.body.appendChild(script);"
                    + "const holder = document.createElement('div');"
                    + "holder.innerHTML = '<img src=\"data:,\" onerror=\"window.keygateInjected = \\'handler\\'\">"
                    + "<style>body { display: none }</style>';"
                    + "document.body.appendChild(holder);");
            browser.waitUntil(d -> Boolean.TRUE.equals(browser.script(
                    "return window.keygateInjected !== undefined || window.keygateViolations.length >= 3;")));
            assertThat(browser.script("return window.keygateInjected === undefined;")).isEqualTo(true);
            assertThat(((List<?>) browser.script("return window.keygateViolations;")).stream().map(String::valueOf))
                    .contains("script-src-elem", "script-src-attr", "style-src-elem");
            assertThat(browser.driver().findElement(By.id("search")).isDisplayed()).isTrue();
        }
    }

    private static boolean refused(Browser browser) {
        return browser.consoleMessages().stream().anyMatch(m -> m.contains("frame-ancestors 'none'"));
    }

    /** The console's root element or the sign-in form it sends to, as far as the frame shows them. */
    private static List<String> framedConsole(Browser browser) {
        WebDriver frame = browser.driver().switchTo().frame("framed");
        try {
            return frame.findElements(By.cssSelector("#root, #username")).stream().map(e -> e.getAttribute("id")).toList();
        } finally {
            browser.driver().switchTo().defaultContent();
        }
    }

    @Test
    void aPageOfAnotherOriginCannotFrameTheConsole() throws IOException {
        realmHeaders(PERMISSIVE_CSP, "");
        HttpServer framing = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        byte[] page = ("<!doctype html><title>Not the console</title><h1>Look here</h1>"
                + "<iframe id=\"framed\" title=\"framed\" width=\"900\" height=\"600\" src=\"" + Console.url(realm.getName()) + "\"></iframe>")
                .getBytes(StandardCharsets.UTF_8);
        framing.createContext("/", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        framing.start();
        try (Browser browser = Browser.start(1280, 800)) {
            browser.open("http://127.0.0.1:" + framing.getAddress().getPort() + "/");
            browser.waitFor(By.tagName("h1"));
            // Until Chromium says why it refused, or the frame shows the console (or the sign-in it leads to).
            browser.waitUntil(d -> refused(browser) || !framedConsole(browser).isEmpty());
            assertThat(framedConsole(browser)).as("what the frame shows of the console").isEmpty();
            assertThat(refused(browser)).isTrue();
        } finally {
            framing.stop(0);
        }
    }
}
