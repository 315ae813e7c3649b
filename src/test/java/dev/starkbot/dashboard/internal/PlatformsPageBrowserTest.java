package dev.starkbot.dashboard.internal;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Route;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.RequestOptions;

import dev.starkbot.testing.browser.BrowserSession;
import dev.starkbot.testing.browser.BrowserTest;
import dev.starkbot.testing.fake.FakeTelegramServer;
import dev.starkbot.testing.fake.TelegramUser;

/**
 * The platforms page in Chromium, on a phone and a desktop, against a fake Telegram Bot API: Telegram starts
 * without a token (stopped); the admin saves one on the page, which never shows it again, and the page follows the
 * connection live, without a reload; someone writing to the bot appears as a pairing request, which the admin
 * approves; clearing the token stops the bot, again live. Discord's install link opens Discord's page (intercepted
 * here, so nothing leaves the machine). An account that is not an admin sees the connections only.
 */
@BrowserTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "starkbot.rate-limit.enabled=false", "starkbot.admin.username=" + PlatformsPageBrowserTest.ADMIN,
        "starkbot.admin.password=" + PlatformsPageBrowserTest.PASSWORD,
        "starkbot.platforms.telegram.poll-timeout=1s",
        "starkbot.platforms.discord.application-id=" + PlatformsPageBrowserTest.DISCORD_APP})
class PlatformsPageBrowserTest {

    static final String ADMIN = "platforms-admin";
    static final String PASSWORD = "platforms admin password";
    static final String DISCORD_APP = "123456789012345678";
    static final FakeTelegramServer TELEGRAM = FakeTelegramServer.start();
    private static final AtomicLong PEOPLE = new AtomicLong(5_100);

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void telegram(DynamicPropertyRegistry registry) {
        registry.add("starkbot.platforms.telegram.api-url", () -> TELEGRAM.apiUrl().replaceAll("/bot$", ""));
    }

    @AfterAll
    static void stop() {
        TELEGRAM.close();
    }

    @Test
    void telegramIsConnectedLiveWithATokenNeverShownBackAndAPairingIsApprovedOnAPhone(BrowserSession browser) {
        connectPairAndDisconnect(browser, browser.phone());
    }

    @Test
    void telegramIsConnectedLiveWithATokenNeverShownBackAndAPairingIsApprovedOnADesktop(BrowserSession browser) {
        Page page = connectPairAndDisconnect(browser, browser.desktop());

        // Discord's install link, built from the configured application id, opens Discord's page
        page.context().route("https://discord.com/**", route -> route.fulfill(new Route.FulfillOptions()
                .setContentType("text/html").setBody("<!DOCTYPE html><title>Discord</title>")));
        Page discord = page.context().waitForPage(() -> page.getByRole(AriaRole.BUTTON,
                new Page.GetByRoleOptions().setName("Open Discord's install page")).click());
        Assertions.assertThat(discord.url()).startsWith("https://discord.com/oauth2/authorize")
                .contains("client_id=" + DISCORD_APP);
        assertThat(page.locator(".install-fallback a")).hasAttribute("href", discord.url());
        discord.close();
    }

    @Test
    void anAccountThatIsNotAnAdminSeesTheStatusOnly(BrowserSession browser) {
        BrowserContext admin = browser.desktop();
        browser.signIn(admin, url(""), ADMIN, PASSWORD);
        String xsrf = admin.cookies(url("")).stream().filter(cookie -> cookie.name.equals("XSRF-TOKEN"))
                .findFirst().orElseThrow().value;
        Assertions.assertThat(admin.request().post(url("/api/admin/users"), RequestOptions.create()
                .setHeader("X-XSRF-TOKEN", xsrf).setData(Map.of("username", "platforms-user",
                        "password", "a user's long password", "role", "user"))).status()).isEqualTo(201);

        BrowserContext context = browser.phone();
        browser.signIn(context, url(""), "platforms-user", "a user's long password");
        Page page = context.newPage();
        page.navigate(url("/platforms"));
        assertThat(page.locator("li.platform[data-platform=telegram] .state")).isVisible();
        assertThat(page.locator("form.token")).hasCount(0);
        assertThat(page.locator(".pairing-list")).hasCount(0);
        assertThat(page.locator("[data-action=discord-install]")).hasCount(0);
    }

    private Page connectPairAndDisconnect(BrowserSession browser, BrowserContext context) {
        browser.signIn(context, url(""), ADMIN, PASSWORD);
        Page page = context.newPage();
        page.navigate(url("/platforms"));
        Locator telegram = page.locator("li.platform[data-platform=telegram]");
        assertThat(telegram.locator(".state")).hasText("Stopped");
        assertThat(telegram.locator(".detail")).containsText("no bot token");
        Locator token = page.locator("form.token[data-key='platforms.telegram.bot-token']");
        assertThat(token.locator(".token-state")).hasText("Not set");
        // a marker that a reload would lose: what changes below comes over the WebSocket
        page.evaluate("window.sameDocument = true");

        page.getByLabel("Telegram bot token").fill(TELEGRAM.token());
        token.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Save")).click();
        assertThat(token.locator(".token-state")).hasText("Set");
        assertThat(page.getByLabel("Telegram bot token")).hasValue("");
        assertThat(telegram.locator(".state")).hasText("Connected");
        Assertions.assertThat(page.evaluate("window.sameDocument")).isEqualTo(true);
        Assertions.assertThat(page.content()).doesNotContain(TELEGRAM.token());
        Assertions.assertThat(page.request().get(url("/api/settings/global")).text())
                .doesNotContain(TELEGRAM.token());

        // someone unknown writes to the bot: their pairing request appears as it is made
        long id = PEOPLE.incrementAndGet();
        TELEGRAM.userSends(id, TelegramUser.of(id, "Kim " + id, "kim" + id), "hello");
        Locator pairing = page.locator("li.pairing").filter(new Locator.FilterOptions().setHasText("Kim " + id));
        assertThat(pairing.locator(".pairing-who")).hasText("Kim " + id + " on Telegram");
        page.evaluate("window.scrollTo(0, 0)");
        browser.screenshot(page, "platforms");
        pairing.getByRole(AriaRole.BUTTON).filter(new Locator.FilterOptions().setHasText("Approve")).click();
        assertThat(pairing).hasCount(0);
        Assertions.assertThat(page.request().get(url("/api/platforms/pairings")).text()).doesNotContain("Kim " + id);

        token.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Clear")).click();
        assertThat(token.locator(".token-state")).hasText("Not set");
        assertThat(telegram.locator(".state")).hasText("Stopped");
        Assertions.assertThat(page.evaluate("window.sameDocument")).isEqualTo(true);
        Assertions.assertThat(((Number) page.evaluate("document.documentElement.scrollWidth")).intValue())
                .isLessThanOrEqualTo(page.viewportSize().width);
        return page;
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
