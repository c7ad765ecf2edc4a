package io.keygate.bitlocker.it.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.keygate.bitlocker.simulators.browser.Totp;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven through Debian's chromedriver (both installed by {@code .ci/run};
 * nothing is downloaded). Keeps what a leak check needs: every console message, every URL the page
 * requested or showed, and the storage of every page it looked at.
 */
public final class Browser implements AutoCloseable {

    public static final Path SCREENSHOTS = Path.of("target", "screenshots").toAbsolutePath();
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final ChromeDriver driver;
    private final Path profile;
    private final List<String> consoleMessages = new ArrayList<>();
    private final List<String> urls = new ArrayList<>();
    private final List<String> storage = new ArrayList<>();

    private final Path downloads;

    private Browser(ChromeDriver driver, Path profile, Path downloads) {
        this.driver = driver;
        this.profile = profile;
        this.downloads = downloads;
    }

    /** A new browser with an empty profile and a window of the given size. */
    public static Browser start(int width, int height) {
        Path chromium = Path.of(System.getProperty("bitlocker.it.chromium", "/usr/bin/chromium"));
        Path chromedriver = Path.of(System.getProperty("bitlocker.it.chromedriver", "/usr/bin/chromedriver"));
        if (!Files.isExecutable(chromium) || !Files.isExecutable(chromedriver)) {
            throw new IllegalStateException("The browser tests need Debian's chromium and chromium-driver ("
                    + chromium + ", " + chromedriver + "): apt-get install chromium chromium-driver");
        }
        try {
            Path profile = Files.createTempDirectory("keygate-chromium-");
            Path downloads = Files.createDirectories(Path.of("target", "downloads").toAbsolutePath())
                    .resolve(profile.getFileName().toString());
            Files.createDirectories(downloads);
            ChromeOptions options = new ChromeOptions();
            options.setBinary(chromium.toFile());
            options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--disable-extensions", "--lang=en-GB", "--user-data-dir=" + profile,
                    "--window-size=" + width + "," + height);
            if (width < 500) {
                // Chromium's windows are at least 500 px wide: a phone's viewport is emulated instead.
                options.setExperimentalOption("mobileEmulation", Map.of("deviceMetrics",
                        Map.of("width", width, "height", height, "pixelRatio", 1.0, "touch", true)));
            }
            options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
            options.setExperimentalOption("prefs", Map.of("download.default_directory", downloads.toString(),
                    "download.prompt_for_download", false));
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(chromedriver.toFile()).usingAnyFreePort().build();
            return new Browser(new ChromeDriver(service, options), profile, downloads);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits for a finished download whose name starts with the prefix and answers its file. */
    public Path downloaded(String prefix) {
        return waitUntil(d -> {
            try (var files = Files.list(downloads)) {
                return files.filter(f -> f.getFileName().toString().startsWith(prefix)
                        && !f.getFileName().toString().endsWith(".crdownload")).findFirst().orElse(null);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** axe-core from the console's own npm dependencies (installed by the build from the committed lockfile). */
    private static final Path AXE = Path.of(System.getProperty("bitlocker.it.axe",
            "../themes/console/node_modules/axe-core/axe.min.js"));

    /**
     * Runs axe-core on the current page and answers its serious and critical violations, each as
     * {@code id (impact): help — targets}.
     */
    public List<String> seriousAccessibilityViolations() {
        try {
            driver.executeScript(Files.readString(AXE));
        } catch (IOException e) {
            throw new UncheckedIOException("axe-core is missing: build the themes module first (" + AXE + ")", e);
        }
        driver.manage().timeouts().scriptTimeout(WAIT);
        Object result = driver.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "axe.run(document)"
                + ".then(r => done({passes: r.passes.length, violations: r.violations"
                + ".filter(v => v.impact === 'serious' || v.impact === 'critical')"
                + ".map(v => v.id + ' (' + v.impact + '): ' + v.help + ' — ' + v.nodes.map(n => n.target.join(' ')).join(', '))}))"
                + ".catch(e => done({passes: 0, violations: ['axe failed: ' + e]}));");
        assertThat(result).as("axe-core's result").isInstanceOf(Map.class);
        Map<?, ?> report = (Map<?, ?>) result;
        assertThat(((Number) report.get("passes")).intValue()).as("rules axe-core checked and passed").isPositive();
        List<String> violations = new ArrayList<>();
        ((Collection<?>) report.get("violations")).forEach(v -> violations.add(String.valueOf(v)));
        return violations;
    }

    /**
     * Lets pages of {@code origin} use the clipboard without asking (as a user's "Allow" would): writing,
     * and reading too when {@code read}; every other permission of that origin is refused.
     */
    public void allowClipboard(String origin, boolean read) {
        driver.executeCdpCommand("Browser.grantPermissions", Map.of("origin", origin, "permissions",
                read ? List.of("clipboardReadWrite", "clipboardSanitizedWrite") : List.of("clipboardSanitizedWrite")));
    }

    /** What the clipboard holds, as the current page reads it (needs {@link #allowClipboard} with reading). */
    public String clipboard() {
        driver.manage().timeouts().scriptTimeout(WAIT);
        return String.valueOf(driver.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "navigator.clipboard.readText().then(done, e => done('refused: ' + e));"));
    }

    /** Puts text on the clipboard from the current page, as copying something else would. */
    public void setClipboard(String text) {
        driver.manage().timeouts().scriptTimeout(WAIT);
        Object result = driver.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "navigator.clipboard.writeText(arguments[0]).then(() => done('ok'), e => done('refused: ' + e));", text);
        assertThat(result).as("writing the clipboard").isEqualTo("ok");
    }

    /** Clicks the button with this visible text. */
    public void click(String buttonText) {
        waitFor(By.xpath("//button[normalize-space()='" + buttonText + "']")).click();
    }

    public Object script(String javascript) {
        return driver.executeScript(javascript);
    }

    public WebDriver driver() {
        return driver;
    }

    public void open(String url) {
        driver.get(url);
    }

    public WebElement waitFor(By by) {
        return waiting().until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    /**
     * A wait that polls through the moments a page is being replaced (a sign-in redirect): ChromeDriver then
     * answers "no such execution context" or a stale element, which is no reason to give up before the timeout.
     */
    private WebDriverWait waiting() {
        WebDriverWait wait = new WebDriverWait(driver, WAIT);
        wait.ignoring(org.openqa.selenium.WebDriverException.class);
        return wait;
    }

    /**
     * Waits until the element is shown and nothing covers its middle (a panel still sliding in, an overlay):
     * what a user can click, rather than what is merely in the page.
     */
    public WebElement waitForClickable(By by) {
        WebElement element = waitFor(by);
        waitUntil(d -> Boolean.TRUE.equals(((org.openqa.selenium.JavascriptExecutor) d).executeScript(
                "const r = arguments[0].getBoundingClientRect();"
                        + " const top = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);"
                        + " return r.left >= 0 && top !== null && arguments[0].contains(top);", element)));
        return element;
    }

    public <T> T waitUntil(Function<WebDriver, T> condition) {
        return waiting().until(condition);
    }

    public void waitForText(By by, String text) {
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(by, text));
    }

    public boolean isShown(By by) {
        return driver.findElements(by).stream().anyMatch(WebElement::isDisplayed);
    }

    public void type(By by, String text) {
        WebElement field = waitFor(by);
        field.clear();
        field.sendKeys(text);
    }

    /** Keycloak's username/password form. */
    public void logIn(String username, String password) {
        WebElement user = waitFor(By.id("username"));
        user.clear();
        user.sendKeys(username);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.id("kc-login")).click();
    }

    /** Keycloak's one-time-code form, with a real TOTP code. */
    public void enterOtp(String realm, String username, String secret) {
        WebElement otp = waitFor(By.id("otp"));
        otp.sendKeys(Totp.now(secret, Api.BASE + "/" + realm + "/" + username));
        driver.findElement(By.id("kc-login")).click();
    }

    /**
     * Step-up at Keycloak's login: the one-time code, after the password form when {@code max_age} makes
     * Keycloak ask who you are again first.
     */
    public void stepUp(String realm, String username, String secret) {
        waitUntil(d -> !d.findElements(By.id("otp")).isEmpty() || !d.findElements(By.id("password")).isEmpty());
        if (isShown(By.id("password"))) {
            logIn(username, TestRealm.PASSWORD);
        }
        enterOtp(realm, username, secret);
    }

    /** Saves a PNG under target/screenshots (looked at by people; scripts/screenshots.sh copies those the docs show). */
    public Path screenshot(String name) {
        collect();
        try {
            Files.createDirectories(SCREENSHOTS);
            Path file = SCREENSHOTS.resolve(name + ".png");
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Records the current page's URL, every resource and navigation URL it requested, its local and
     * session storage, and the console messages since the last look.
     */
    @SuppressWarnings("unchecked")
    public void collect() {
        urls.add(driver.getCurrentUrl());
        JavascriptExecutor js = driver;
        Object requested = js.executeScript("return performance.getEntries().map(e => e.name);");
        if (requested instanceof Collection<?> names) {
            names.forEach(n -> urls.add(String.valueOf(n)));
        }
        Object stored = js.executeScript("const all = [];"
                + "for (const s of [window.localStorage, window.sessionStorage]) {"
                + "  for (let i = 0; i < s.length; i++) { all.push(s.key(i) + '=' + s.getItem(s.key(i))); } }"
                + "return all;");
        if (stored instanceof Collection<?> entries) {
            ((Collection<Object>) entries).forEach(e -> storage.add(String.valueOf(e)));
        }
        for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
            consoleMessages.add(entry.getLevel() + " " + entry.getMessage());
        }
    }

    /** No recovery password in any URL, in local or session storage, or on the console — of any page seen. */
    public void assertNothingLeaked(Collection<String> secrets) {
        collect();
        assertThat(urls).as("URLs").isNotEmpty();
        for (String secret : secrets) {
            String digits = secret.replace("-", "");
            for (List<String> seen : List.of(urls, storage, consoleMessages)) {
                assertThat(seen).noneMatch(s -> s.contains(secret) || s.contains(digits));
            }
        }
        assertThat(String.join("\n", urls)).doesNotContainPattern(Fleet.RECOVERY_PASSWORD_SHAPE.pattern());
        assertThat(String.join("\n", storage)).doesNotContainPattern(Fleet.RECOVERY_PASSWORD_SHAPE.pattern());
        assertThat(String.join("\n", consoleMessages)).doesNotContainPattern(Fleet.RECOVERY_PASSWORD_SHAPE.pattern());
    }

    public List<String> consoleMessages() {
        collect();
        return List.copyOf(consoleMessages);
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // a temporary profile left behind is harmless
            }
        }
    }
}
