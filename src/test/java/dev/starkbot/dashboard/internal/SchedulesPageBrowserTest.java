package dev.starkbot.dashboard.internal;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.util.Arrays;

import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Request;
import com.microsoft.playwright.options.AriaRole;

import dev.starkbot.testing.browser.BrowserSession;
import dev.starkbot.testing.browser.BrowserTest;
import dev.starkbot.testing.browser.PageProblem;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The schedules page in Chromium, on a phone and a desktop: a schedule is written with a cron trigger in a time
 * zone other than the viewer's (the browser's is UTC), its preview follows the expression as it is typed and shows
 * the API's error for a wrong one, it is saved, listed with its next fire time and disabled, with no
 * Content-Security-Policy violation, script error or console error on the way other than the browser's own note of
 * the preview's expected 422.
 */
@BrowserTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "starkbot.rate-limit.enabled=false", "starkbot.admin.username=" + SchedulesPageBrowserTest.ADMIN,
        "starkbot.admin.password=" + SchedulesPageBrowserTest.PASSWORD})
class SchedulesPageBrowserTest {

    static final String ADMIN = "schedules-admin";
    static final String PASSWORD = "schedules admin password";

    @LocalServerPort
    int port;

    @Test
    void aCronScheduleInAnotherZoneIsPreviewedSavedListedAndDisabledOnAPhone(BrowserSession browser) {
        Page page = writeSaveAndDisable(browser, browser.phone(), "Tokyo briefing (phone)");

        // the narrowest phones the page is made for: nothing wider than the screen, the list or the form
        page.setViewportSize(360, 780);
        Assertions.assertThat(width(page)).as("list at 360 px").isLessThanOrEqualTo(360);
        page.locator("[data-action=new-schedule]").click();
        assertThat(page.locator("#schedule-dialog")).isVisible();
        Assertions.assertThat(width(page)).as("form at 360 px").isLessThanOrEqualTo(360);
        onlyTheExpectedRefusals(browser, "/api/schedules/preview");
    }

    @Test
    void aCronScheduleInAnotherZoneIsPreviewedSavedListedAndDisabledOnADesktop(BrowserSession browser) {
        writeSaveAndDisable(browser, browser.desktop(), "Tokyo briefing (desktop)");
        onlyTheExpectedRefusals(browser, "/api/schedules/preview");
    }

    @Test
    void anHttpTasksHeaderValueIsWriteOnlyAndADeletionIsConfirmedFirst(BrowserSession browser) {
        BrowserContext context = browser.desktop();
        browser.signIn(context, url(""), ADMIN, PASSWORD);
        Page page = context.newPage();
        page.navigate(url("/schedules"));
        assertThat(page.locator(".loading")).isHidden();

        page.locator("[data-action=new-schedule]").click();
        page.locator("#f-name").fill("Hourly ping");
        page.getByLabel("Every interval").check();
        page.locator("#f-every").fill("1h");
        assertThat(page.locator("#preview .preview-times li")).hasCount(5);
        page.locator("#f-task").selectOption("http");
        page.locator("#f-method").selectOption("POST");
        // the API's field errors land next to their fields, and the first of them takes the focus
        page.locator("#schedule-form button[type=submit]").click();
        assertThat(page.locator("#e-url")).hasText("is required");
        assertThat(page.locator("#f-url")).isFocused();
        page.locator("#f-url").fill("https://93.184.216.34/ping");
        page.locator("[data-action=add-header]").click();
        page.locator(".header-row .header-name").fill("Authorization");
        page.locator(".header-row .header-value").fill("Bearer s3cret");
        page.locator("#f-body").fill("{\"ping\":true}");
        page.locator("#schedule-form button[type=submit]").click();
        Locator item = page.locator("li.schedule").filter(new Locator.FilterOptions().setHasText("Hourly ping"));
        assertThat(item.locator(".task")).hasText("Calls POST https://93.184.216.34/ping");
        // without a start, the server starts the series one interval after saving, and says so
        assertThat(item.locator(".trigger")).containsText("every hour, from ");

        // changed without retyping the header's value: the page sends the mask back, so the server keeps it
        item.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Edit: Hourly ping")).click();
        assertThat(page.locator("#f-every")).hasValue("1h");
        assertThat(page.locator(".header-row .header-name")).hasValue("Authorization");
        assertThat(page.locator(".header-row .header-value")).hasValue("");
        assertThat(page.locator(".header-row .header-value")).hasAttribute("placeholder", "saved value kept");
        page.locator("#f-name").fill("Hourly ping, renamed");
        Request put = page.waitForRequest(request -> request.method().equals("PUT"),
                () -> page.locator("#schedule-form button[type=submit]").click());
        Assertions.assertThat(put.postData()).contains("\"Authorization\":\"********\"").doesNotContain("s3cret");
        assertThat(item.locator(".schedule-name")).hasText("Hourly ping, renamed");

        Locator delete = item.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions()
                .setName("Delete: Hourly ping, renamed"));
        delete.click();
        Locator confirm = page.locator("#delete-dialog");
        assertThat(confirm).isVisible();
        assertThat(confirm.locator("#delete-what")).hasText("“Hourly ping, renamed” will not run again.");
        confirm.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Keep it")).click();
        assertThat(confirm).isHidden();
        assertThat(item).isVisible();
        delete.click();
        confirm.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Delete")).click();
        assertThat(item).hasCount(0);
        Assertions.assertThat(page.request().get(url("/api/schedules")).text()).doesNotContain("Hourly ping");
        onlyTheExpectedRefusals(browser, "/api/schedules");
    }

    private Page writeSaveAndDisable(BrowserSession browser, BrowserContext context, String name) {
        browser.signIn(context, url(""), ADMIN, PASSWORD);
        Page page = context.newPage();
        page.navigate(url("/schedules"));
        assertThat(page.locator(".loading")).isHidden();

        // opened from the keyboard, the form takes the focus; the zone starts as the browser's
        Locator create = page.locator("[data-action=new-schedule]");
        create.focus();
        assertThat(create).isFocused();
        page.keyboard().press("Enter");
        Locator dialog = page.locator("#schedule-dialog");
        assertThat(dialog).isVisible();
        assertThat(page.locator("#f-name")).isFocused();
        assertThat(page.locator("#f-zone")).hasValue("UTC");

        page.locator("#f-name").fill(name);
        page.locator("#f-zone").fill("Asia/Tokyo");
        Locator expression = page.locator("#f-expression");
        expression.pressSequentially("0 25 * * *");
        assertThat(page.locator("#e-expression")).hasText("field 'hour' (2nd of 5): 25 is out of range 0-23");
        assertThat(expression).hasAttribute("aria-invalid", "true");
        Locator times = page.locator("#preview .preview-times li");
        assertThat(times).hasCount(0);

        expression.clear();
        expression.pressSequentially("30 7 * * MON-FRI");
        assertThat(times).hasCount(5);
        assertThat(page.locator("#e-expression")).isHidden();
        assertThat(expression).not().hasAttribute("aria-invalid", "true");
        assertThat(times.first().locator(".there")).containsText("07:30");
        assertThat(times.first().locator(".there")).containsText("GMT+9");
        assertThat(times.first().locator(".here")).containsText("your time");
        assertThat(times.first().locator(".here")).containsText("10:30 PM UTC");

        page.locator("#f-prompt").fill("Brief me on my day in Tokyo.");
        expression.evaluate("input => input.closest('fieldset').scrollIntoView({block: 'start'})");
        browser.screenshot(page, "schedule-form");
        page.locator("#schedule-form button[type=submit]").click();
        assertThat(dialog).isHidden();

        Locator item = page.locator("li.schedule").filter(new Locator.FilterOptions().setHasText(name));
        assertThat(item.locator(".zone")).hasText("Asia/Tokyo");
        assertThat(item.locator(".trigger")).hasText("at 07:30, Monday to Friday (30 7 * * MON-FRI)");
        assertThat(item.locator(".task")).hasText("Asks the AI in a new conversation: Brief me on my day in Tokyo.");
        assertThat(item.locator(".next")).containsText("07:30");
        assertThat(item.locator(".next")).containsText("your time");
        Assertions.assertThat(saved(page, name).path("nextFireAt").asString()).endsWith("T22:30:00Z");

        Locator toggle = item.getByRole(AriaRole.SWITCH);
        assertThat(toggle).hasAttribute("aria-checked", "true");
        toggle.click();
        assertThat(toggle).hasAttribute("aria-checked", "false");
        assertThat(item.locator(".next")).hasText("Not while disabled");
        Assertions.assertThat(saved(page, name).path("enabled").asBoolean(true)).isFalse();

        page.evaluate("window.scrollTo(0, 0)");
        browser.screenshot(page, "schedules");
        Assertions.assertThat(width(page)).as("page width").isLessThanOrEqualTo(page.viewportSize().width);
        return page;
    }

    /**
     * Chromium logs every answer of 400 or more to the console, also the 422s the test asked for on purpose (a
     * wrong expression, a missing URL): those are the page working; anything else fails the test.
     */
    private void onlyTheExpectedRefusals(BrowserSession browser, String... paths) {
        browser.expectProblems();
        Assertions.assertThat(browser.problems()).filteredOn(problem -> !(problem.kind()
                == PageProblem.Kind.CONSOLE_ERROR && problem.message().contains("status of 422")
                && Arrays.stream(paths).anyMatch(path -> problem.message().contains("(at " + url(path) + ":"))))
                .isEmpty();
    }

    /** The schedule as the API has it, read with the browser's own session. */
    private JsonNode saved(Page page, String name) {
        JsonNode list = JsonMapper.builder().build().readTree(page.request().get(url("/api/schedules")).text());
        for (JsonNode schedule : list) {
            if (schedule.path("name").asString().equals(name)) {
                return schedule;
            }
        }
        throw new AssertionError("no schedule named " + name);
    }

    private static int width(Page page) {
        return ((Number) page.evaluate("document.documentElement.scrollWidth")).intValue();
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
