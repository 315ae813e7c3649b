package dev.starkbot.dashboard.internal;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.ColorScheme;

import dev.starkbot.ai.ModelRef;
import dev.starkbot.ai.TokenUsage;
import dev.starkbot.testing.browser.BrowserSession;
import dev.starkbot.testing.browser.BrowserTest;
import dev.starkbot.usage.UsageService;
import dev.starkbot.user.UserService;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The usage page in Chromium, on a phone and a desktop, over usage recorded today (as a turn records it) and rows of
 * earlier days: the charts have a bar for each day with use, focusing a bar from the keyboard shows its numbers and
 * the arrow keys move along the days, the totals and the table agree with the API, the budget meter shows what is
 * used of the daily budget, a shorter period leaves older days out, and the admin's table of everyone sorts.
 */
@BrowserTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "starkbot.rate-limit.enabled=false", "starkbot.admin.username=" + UsagePageBrowserTest.ADMIN,
        "starkbot.admin.password=" + UsagePageBrowserTest.PASSWORD})
class UsagePageBrowserTest {

    static final String ADMIN = "usage-admin";
    static final String PASSWORD = "usage admin password";
    private static final String OTHER = "usage-bob";
    private static final AtomicBoolean RECORDED = new AtomicBoolean();
    private static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);

    @LocalServerPort
    int port;
    @Autowired
    UsageService usage;
    @Autowired
    UserService users;
    @Autowired
    JdbcClient jdbc;

    @Test
    void usageIsChartedTabledAndSortedOnAPhone(BrowserSession browser) {
        Page page = check(browser, browser.phone());
        page.setViewportSize(360, 780);
        assertThat(page.locator("#tokens-chart svg")).hasAttribute("viewBox", Pattern.compile(
                "0 0 (2[89]\\d|3[0-4]\\d) 220"));
        Assertions.assertThat(PageChecks.width(page)).as("page at 360 px").isLessThanOrEqualTo(360);
    }

    @Test
    void usageIsChartedTabledAndSortedOnADesktop(BrowserSession browser) {
        check(browser, browser.desktop());
    }

    @Test
    void aDarkThemeDrawsTheChartsWithItsOwnColours(BrowserSession browser) {
        BrowserContext context = browser.newContext("desktop-dark", new Browser.NewContextOptions()
                .setViewportSize(1280, 800).setColorScheme(ColorScheme.DARK));
        Page page = open(browser, context);
        Locator input = page.locator("#tokens-chart .segment.s-input").first();
        assertThat(input).isVisible();
        Assertions.assertThat(input.evaluate("e => getComputedStyle(e).fill")).isEqualTo("rgb(121, 166, 255)");
        browser.screenshot(page, "usage");
    }

    private Page check(BrowserSession browser, BrowserContext context) {
        Page page = open(browser, context);
        JsonNode report = json(page, "/api/usage");

        // a bar for every day of the 30, with numbers on the three days with use
        Locator days = page.locator("#tokens-chart .day");
        assertThat(days).hasCount(30);
        Assertions.assertThat(page.locator("#tokens-chart .day:has(.segment)").all().stream()
                .map(day -> day.getAttribute("data-day")).toList())
                .containsExactly(TODAY.minusDays(20).toString(), TODAY.minusDays(3).toString(), TODAY.toString());
        assertThat(page.locator(".chart-card:has(#cost-chart) .legend li")).hasCount(3);

        // the totals and the table agree with the API
        JsonNode totals = report.path("totals");
        for (String count : List.of("requests", "inputTokens", "outputTokens")) {
            assertThat(page.locator("[data-total=" + count + "]")).hasAttribute("data-value",
                    totals.path(count).asString());
        }
        Assertions.assertThat(Double.parseDouble(page.locator("[data-total=costUsd]").getAttribute("data-value")))
                .isEqualTo(totals.path("costUsd").asDouble());
        page.locator(".days-table summary").click();
        Locator foot = page.locator(".days-table tfoot td");
        assertThat(foot.nth(1)).hasAttribute("data-value", totals.path("inputTokens").asString());
        assertThat(foot.nth(2)).hasAttribute("data-value", totals.path("outputTokens").asString());
        assertThat(page.locator(".days-table tbody tr")).hasCount(report.path("days").size());
        assertThat(page.locator(".models-table tbody tr")).hasCount(3);

        // from the period picker, Tab reaches today's bar; its numbers show, and the arrow keys move along the days
        page.mouse().move(0, 0);
        page.locator("#period").focus();
        page.keyboard().press("Tab");
        Locator focused = page.locator("#tokens-chart .day:focus");
        assertThat(focused).hasAttribute("data-day", TODAY.toString());
        assertThat(focused).hasAttribute("aria-label", Pattern.compile(
                "1,300 input, 500 output and 100 cache tokens"));
        Locator tip = page.locator("#tokens-chart .chart-tip");
        assertThat(tip).isVisible();
        assertThat(tip).containsText("Total: 1,900 tokens");
        browser.screenshot(page, "usage-focus");
        page.keyboard().press("ArrowLeft");
        assertThat(focused).hasAttribute("data-day", TODAY.minusDays(1).toString());
        assertThat(tip).containsText("Total: 0 tokens");
        page.keyboard().press("Home");
        assertThat(focused).hasAttribute("data-day", TODAY.minusDays(29).toString());

        // the daily budget's meter
        JsonNode budget = report.path("budget");
        Locator daily = page.locator("#budget-daily");
        assertThat(daily).hasJSProperty("max", 10_000);
        assertThat(daily).hasJSProperty("value", budget.path("usedToday").asInt());
        assertThat(page.locator("#budget-daily-words")).hasText("1,900 of 10,000 tokens (19%)");
        assertThat(page.locator("[data-budget=monthly] .budget-words")).containsText("no limit");
        assertThat(page.locator("#budget-monthly")).isHidden();

        // everyone's totals, most expensive first, then by name
        Locator rows = page.locator(".everyone-table tbody tr");
        assertThat(rows).hasCount(2);
        assertThat(rows.first().locator("th")).hasText(ADMIN);
        assertThat(page.locator(".everyone-table th[data-key=costUsd]")).hasAttribute("aria-sort", "descending");
        page.locator(".everyone-table th[data-key=inputTokens] button").click();
        assertThat(rows.first().locator("th")).hasText(ADMIN);
        page.locator(".everyone-table th[data-key=inputTokens] button").click();
        assertThat(page.locator(".everyone-table th[data-key=inputTokens]")).hasAttribute("aria-sort",
                "ascending");
        assertThat(rows.first().locator("th")).hasText(OTHER);
        assertThat(rows.first().locator("td").nth(1)).hasAttribute("data-value", "100");

        page.evaluate("window.scrollTo(0, 0)");
        browser.screenshot(page, "usage");
        Assertions.assertThat(PageChecks.width(page)).as("page width").isLessThanOrEqualTo(page.viewportSize().width);

        // a week leaves the day 20 days ago out
        page.locator("#period").selectOption("7");
        assertThat(days).hasCount(7);
        assertThat(page.locator("#tokens-chart .day:has(.segment)")).hasCount(2);
        assertThat(page.locator("[data-total=inputTokens]")).hasAttribute("data-value",
                json(page, "/api/usage?from=" + TODAY.minusDays(6) + "&to=" + TODAY).path("totals")
                        .path("inputTokens").asString());
        return page;
    }

    private Page open(BrowserSession browser, BrowserContext context) {
        browser.signIn(context, url(""), ADMIN, PASSWORD);
        Page page = context.newPage();
        record(json(page, "/api/me").path("user").path("id").asString());
        page.navigate(url("/usage"));
        assertThat(page.locator(".loading")).isHidden();
        return page;
    }

    /**
     * Today's calls as a turn records them, and earlier days as rows of their own, once for the tests of this class,
     * which share one server.
     */
    private void record(String me) {
        if (!RECORDED.compareAndSet(false, true)) {
            return;
        }
        usage.record(me, new ModelRef(ModelRef.ANTHROPIC, "claude-sonnet-4-5"), new TokenUsage(1_000, 400, 0, 0));
        usage.record(me, new ModelRef(ModelRef.OPENAI, "gpt-4o-mini"), new TokenUsage(300, 100, 100, 0));
        row(me, TODAY.minusDays(3), "anthropic:claude-sonnet-4-5", 5_000, 1_500, 37_500);
        row(me, TODAY.minusDays(20), "anthropic:claude-haiku-4-5", 2_000, 500, 4_500);
        usage.record(users.chatAccount(OTHER, "Bob"), new ModelRef(ModelRef.ANTHROPIC, "claude-haiku-4-5"),
                new TokenUsage(100, 50, 0, 0));
        jdbc.sql("INSERT INTO usage_budgets (user_id, daily_tokens, monthly_tokens, updated_at) VALUES (?, ?, ?, ?)")
                .params(me, 10_000L, 0L, System.currentTimeMillis()).update();
    }

    private void row(String user, LocalDate day, String model, long input, long output, long costMicros) {
        jdbc.sql("""
                INSERT INTO usage_daily (user_id, day, model, requests, input_tokens, output_tokens,
                    cache_read_tokens, cache_write_tokens, cost_micros) VALUES (?, ?, ?, 2, ?, ?, 0, 0, ?)""")
                .params(user, day.toString(), model, input, output, costMicros).update();
    }

    private JsonNode json(Page page, String path) {
        return JsonMapper.builder().build().readTree(page.request().get(url(path)).text());
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
