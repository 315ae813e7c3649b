package dev.starkbot.dashboard.internal;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.util.List;

import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.RequestOptions;

import dev.starkbot.testing.browser.BrowserSession;
import dev.starkbot.testing.browser.BrowserTest;

/**
 * The account page in Chromium, on a phone and a desktop: a display name with markup is saved and shown as text, a
 * wrong current password is refused next to its field and a new one is set (and set back), another session is ended
 * from the list, and an API key is created, shown once with its copy button, works, and is revoked.
 */
@BrowserTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "starkbot.rate-limit.enabled=false", "starkbot.admin.username=" + AccountPageBrowserTest.ADMIN,
        "starkbot.admin.password=" + AccountPageBrowserTest.PASSWORD})
class AccountPageBrowserTest {

    static final String ADMIN = "account-admin";
    static final String PASSWORD = "account admin password";
    private static final String NEW_PASSWORD = "a brand new passphrase";
    private static final String HOSTILE = "<img src=x onerror=\"window.pwned=1\">Tony";

    @LocalServerPort
    int port;

    @Test
    void theProfilePasswordSessionsAndAnApiKeyShownOnceOnAPhone(BrowserSession browser) {
        Page page = profilePasswordSessionsAndKey(browser, browser.phone(), "phone");
        page.setViewportSize(360, 780);
        Assertions.assertThat(PageChecks.width(page)).as("page at 360 px").isLessThanOrEqualTo(360);
        PageChecks.onlyTheseRefusals(browser, 422, url("/api/me/password"));
    }

    @Test
    void theProfilePasswordSessionsAndAnApiKeyShownOnceOnADesktop(BrowserSession browser) {
        profilePasswordSessionsAndKey(browser, browser.desktop(), "desktop");
        PageChecks.onlyTheseRefusals(browser, 422, url("/api/me/password"));
    }

    private Page profilePasswordSessionsAndKey(BrowserSession browser, BrowserContext context, String viewport) {
        BrowserContext elsewhere = browser.desktop();
        browser.signIn(elsewhere, url(""), ADMIN, PASSWORD);
        browser.signIn(context, url(""), ADMIN, PASSWORD);
        context.grantPermissions(List.of("clipboard-read", "clipboard-write"));
        Page page = context.newPage();
        page.navigate(url("/account"));
        Locator profile = page.locator("#profile-form");
        assertThat(profile.locator(".username")).hasText(ADMIN);
        assertThat(profile.locator(".role")).hasText("admin");

        page.locator("#a-display-name").fill(HOSTILE);
        page.locator("#a-zone").fill("Europe/Paris");
        profile.locator("button[type=submit]").click();
        assertThat(profile.locator(".saved-note")).hasText("Saved.");
        page.reload();
        assertThat(page.locator("#a-display-name")).hasValue(HOSTILE);
        assertThat(page.locator("#a-zone")).hasValue("Europe/Paris");

        // a wrong current password is refused next to its field; a new one is set and set back
        Locator password = page.locator("#password-form");
        page.locator("#a-current").fill("not the password");
        page.locator("#a-new").fill(NEW_PASSWORD);
        page.locator("#a-repeat").fill(NEW_PASSWORD + "!");
        password.locator("button[type=submit]").click();
        assertThat(page.locator("#e-repeat")).hasText("The two new passwords differ.");
        page.locator("#a-repeat").fill(NEW_PASSWORD);
        password.locator("button[type=submit]").click();
        assertThat(page.locator("#e-current")).not().isEmpty();
        assertThat(page.locator("#a-current")).isFocused();
        changePassword(page, PASSWORD, NEW_PASSWORD);
        changePassword(page, NEW_PASSWORD, PASSWORD);

        // the password change ended the other sessions; a new one elsewhere is ended from the list
        Locator sessions = page.locator(".session-list li");
        assertThat(sessions).hasCount(1);
        assertThat(sessions.first().locator(".what")).containsText("This session");
        browser.signIn(elsewhere, url(""), ADMIN, PASSWORD);
        page.reload();
        assertThat(sessions).hasCount(2);
        page.locator("[data-action=end-others]").click();
        assertThat(page.locator(".sessions-note")).hasText("The session has ended.");
        assertThat(sessions).hasCount(1);
        Assertions.assertThat(status(elsewhere, "/api/me", null)).isEqualTo(401);

        // an API key: shown once, with a warning and a copy button; it works, and is gone from the page after
        String name = "backup <script>window.pwned=2</script> " + viewport;
        page.locator("#k-name").fill(name);
        page.locator("#k-scope").selectOption("readonly");
        page.locator("#key-form button[type=submit]").click();
        Locator created = page.locator(".new-key");
        assertThat(created).isVisible();
        assertThat(created).containsText("you will not see it again");
        String key = created.locator(".new-key-value").textContent();
        Assertions.assertThat(key).startsWith("sbk_");
        created.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Copy")).click();
        assertThat(created.locator(".copy-note")).hasText("Copied.");
        Assertions.assertThat(page.evaluate("navigator.clipboard.readText()")).isEqualTo(key);
        Assertions.assertThat(status(context, "/api/me", key)).isEqualTo(200);
        Locator item = page.locator(".key-list li").filter(new Locator.FilterOptions().setHasText(name));
        assertThat(item.locator(".when")).containsText("acts as readonly");
        assertThat(item.locator(".when")).containsText(key.substring(0, 10));
        page.evaluate("window.scrollTo(0, 0)");
        browser.screenshot(page, "account");
        Assertions.assertThat(PageChecks.width(page)).as("page width")
                .isLessThanOrEqualTo(page.viewportSize().width);

        created.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("I have stored it")).click();
        assertThat(created).isHidden();
        Assertions.assertThat(page.content()).doesNotContain(key);
        page.reload();
        assertThat(item).isVisible();
        Assertions.assertThat(page.content()).doesNotContain(key);

        item.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Revoke: " + name)).click();
        Locator confirm = page.locator("#revoke-dialog");
        assertThat(confirm.locator(".what")).containsText(name);
        confirm.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Revoke")).click();
        assertThat(item.locator(".when")).containsText("revoked");
        Assertions.assertThat(status(context, "/api/me", key)).isEqualTo(401);

        assertThat(page.locator("main img, main script:not([src])")).hasCount(0);
        Assertions.assertThat(page.evaluate("window.pwned === undefined")).isEqualTo(true);
        return page;
    }

    private void changePassword(Page page, String from, String to) {
        page.locator("#a-current").fill(from);
        page.locator("#a-new").fill(to);
        page.locator("#a-repeat").fill(to);
        page.locator("#password-form button[type=submit]").click();
        assertThat(page.locator("#password-form .saved-note"))
                .hasText("Password changed. Your other sessions have ended.");
    }

    /** The status of a GET with the context's cookies, or with the given key in the Authorization header. */
    private int status(BrowserContext context, String path, String key) {
        RequestOptions options = RequestOptions.create();
        if (key != null) {
            options.setHeader("Authorization", "Bearer " + key);
        }
        APIResponse response = context.request().get(url(path), options);
        try {
            // with a key, the answer must be the key's own, not the cookie's: the bearer header wins
            Assertions.assertThat(key == null || !response.ok() || response.text().contains("\"api_key\""))
                    .as("answered for the key").isTrue();
            return response.status();
        } finally {
            response.dispose();
        }
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
