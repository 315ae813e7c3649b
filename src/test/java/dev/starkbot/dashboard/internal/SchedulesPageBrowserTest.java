package dev.starkbot.dashboard.internal;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The schedules page in Chromium, at a desktop's and a phone's size: a schedule is written with a cron trigger in a
 * time zone other than the viewer's, its preview follows the expression as it is typed (and shows the API's error
 * for a wrong one), it is saved, listed with its next fire time and disabled, without one Content-Security-Policy
 * violation or script error on the way.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "starkbot.rate-limit.enabled=false", "starkbot.admin.username=" + SchedulesPageBrowserTest.ADMIN,
        "starkbot.admin.password=" + SchedulesPageBrowserTest.PASSWORD})
class SchedulesPageBrowserTest {

    static final String ADMIN = "schedules-admin";
    static final String PASSWORD = "schedules admin password";
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    /** Collects violations in the page itself; an init script is not subject to the page's policy. */
    private static final String CSP_LISTENER = """
            window.__cspViolations = [];
            document.addEventListener("securitypolicyviolation",
                (e) => window.__cspViolations.push(e.violatedDirective + " " + e.blockedURI));
            """;

    private static Playwright playwright;
    private static Browser browser;

    @LocalServerPort
    int port;

    @BeforeAll
    static void startBrowser() {
        playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(Path.of("/usr/bin/chromium")).setArgs(List.of("--no-sandbox")));
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.close();
        }
        if (playwright != null) {
            playwright.close();
        }
    }

    private BrowserContext context(String device) {
        Browser.NewContextOptions options = new Browser.NewContextOptions().setLocale("en-GB")
                .setTimezoneId("Europe/Paris").setBaseURL("http://127.0.0.1:" + port);
        if (device.equals("phone")) {
            options.setViewportSize(360, 780).setIsMobile(true).setHasTouch(true).setDeviceScaleFactor(2);
        } else {
            options.setViewportSize(1280, 860);
        }
        BrowserContext context = browser.newContext(options);
        context.addInitScript(CSP_LISTENER);
        return context;
    }

    @ParameterizedTest
    @ValueSource(strings = {"desktop", "phone"})
    void aCronScheduleInAnotherZoneIsPreviewedSavedListedAndDisabled(String device) {
        String name = "Tokyo briefing (" + device + ")";
        try (BrowserContext context = context(device)) {
            Page page = context.newPage();
            List<String> problems = new ArrayList<>();
            page.onConsoleMessage(message -> {
                if (message.type().equals("error") && !message.text().endsWith("status of 422 ()")) {
                    problems.add("console: " + message.text());
                }
            });
            page.onPageError(error -> problems.add("script: " + error));

            page.navigate("/login?next=/schedules");
            page.locator("#username").fill(ADMIN);
            page.locator("#password").fill(PASSWORD);
            page.locator("#login button[type=submit]").click();
            page.waitForURL("**/schedules");
            assertThat(page.locator(".loading")).isHidden();

            // opened from the keyboard, the form takes the focus
            Locator create = page.locator("[data-action=new-schedule]");
            create.focus();
            assertThat(create).isFocused();
            page.keyboard().press("Enter");
            Locator dialog = page.locator("#schedule-dialog");
            assertThat(dialog).isVisible();
            assertThat(page.locator("#f-name")).isFocused();
            assertThat(page.locator("#f-zone")).hasValue("Europe/Paris");

            page.locator("#f-name").fill(name);
            page.locator("#f-zone").fill("Asia/Tokyo");
            Locator expression = page.locator("#f-expression");
            expression.pressSequentially("0 25 * * *");
            assertThat(page.locator("#e-expression")).containsText("25 is out of range 0-23");
            assertThat(expression).hasAttribute("aria-invalid", "true");
            assertThat(page.locator("#preview .preview-times li")).hasCount(0);

            expression.clear();
            expression.pressSequentially("30 7 * * MON-FRI");
            Locator times = page.locator("#preview .preview-times li");
            assertThat(times).hasCount(5);
            assertThat(page.locator("#e-expression")).isHidden();
            assertThat(times.first()).containsText("07:30");
            assertThat(times.first().locator(".here")).containsText("your time");

            page.locator("#f-prompt").fill("Brief me on my day in Tokyo.");
            expression.evaluate("input => input.closest('fieldset').scrollIntoView({block: 'start'})");
            page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("schedule-form-" + device
                    + ".png")));
            page.locator("#schedule-form button[type=submit]").click();
            assertThat(dialog).isHidden();

            Locator item = page.locator("li.schedule").filter(new Locator.FilterOptions().setHasText(name));
            assertThat(item.locator(".zone")).hasText("Asia/Tokyo");
            assertThat(item.locator(".trigger")).containsText("at 07:30, Monday to Friday");
            assertThat(item.locator(".task")).containsText("Brief me on my day in Tokyo.");
            assertThat(item.locator(".next")).containsText("07:30");
            assertThat(item.locator(".next")).containsText("your time");

            Locator toggle = item.locator("[role=switch]");
            assertThat(toggle).hasAttribute("aria-checked", "true");
            toggle.click();
            assertThat(toggle).hasAttribute("aria-checked", "false");
            assertThat(item.locator(".next")).hasText("Not while disabled");
            Assertions.assertThat(saved(page, name).path("enabled").asBoolean(true)).isFalse();

            page.evaluate("window.scrollTo(0, 0)");
            page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("schedules-" + device + ".png"))
                    .setFullPage(true));
            Object width = page.evaluate("document.documentElement.scrollWidth");
            Assertions.assertThat(((Number) width).intValue()).as("page width")
                    .isLessThanOrEqualTo(device.equals("phone") ? 360 : 1280);
            Assertions.assertThat(page.evaluate("window.__cspViolations.join('\\n')")).isEqualTo("");
            Assertions.assertThat(problems).isEmpty();
        }
    }

    /** The schedule as the API has it, read with the browser's own session. */
    private static JsonNode saved(Page page, String name) {
        JsonNode list = JsonMapper.builder().build().readTree(page.request().get("/api/schedules").text());
        for (JsonNode schedule : list) {
            if (schedule.path("name").asString().equals(name)) {
                return schedule;
            }
        }
        throw new AssertionError("no schedule named " + name);
    }
}
