package dev.starkbot.dashboard.internal;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;

import dev.starkbot.testing.browser.BrowserSession;
import dev.starkbot.testing.browser.BrowserTest;

/**
 * The settings page in Chromium, on a phone and a desktop, as an admin: a choice and a time zone of their own are
 * saved and reset, a wrong time zone gets the API's message next to its field, a global name with markup in it comes
 * back as text, and a secret is stored, shown only as set with its hint, never put back into the page, and cleared.
 */
@BrowserTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "starkbot.rate-limit.enabled=false", "starkbot.admin.username=" + SettingsPageBrowserTest.ADMIN,
        "starkbot.admin.password=" + SettingsPageBrowserTest.PASSWORD})
class SettingsPageBrowserTest {

    static final String ADMIN = "settings-admin";
    static final String PASSWORD = "settings admin password";
    private static final String HOSTILE = "<img src=x onerror=\"window.pwned=1\">Jarvis";
    private static final String SECRET = "sk-test-never-shown-again-wxyz";

    @LocalServerPort
    int port;

    @Test
    void settingsAreSavedResetAndASecretIsNeverShownBackOnAPhone(BrowserSession browser) {
        Page page = saveResetAndKeepTheSecret(browser, browser.phone());
        page.setViewportSize(360, 780);
        Assertions.assertThat(PageChecks.width(page)).as("page at 360 px").isLessThanOrEqualTo(360);
        PageChecks.onlyTheseRefusals(browser, 422, url("/api/settings/user/preferences.time-zone"));
    }

    @Test
    void settingsAreSavedResetAndASecretIsNeverShownBackOnADesktop(BrowserSession browser) {
        saveResetAndKeepTheSecret(browser, browser.desktop());
        PageChecks.onlyTheseRefusals(browser, 422, url("/api/settings/user/preferences.time-zone"));
    }

    private Page saveResetAndKeepTheSecret(BrowserSession browser, BrowserContext context) {
        browser.signIn(context, url(""), ADMIN, PASSWORD);
        Page page = context.newPage();
        page.navigate(url("/settings"));
        assertThat(page.locator(".loading")).isHidden();

        Locator length = setting(page, "user-settings", "chat.reply-length");
        assertThat(length.locator("select")).hasValue("normal");
        assertThat(length.locator("[data-action=reset]")).isDisabled();
        length.locator("select").selectOption("short");
        length.locator("button[type=submit]").click();
        assertThat(length.locator(".saved-note")).hasText("Saved.");
        assertThat(length.locator(".state")).hasText("Changed; the default is normal.");
        Assertions.assertThat(page.request().get(url("/api/settings/user")).text())
                .contains("{\"key\":\"chat.reply-length\",\"type\":\"CHOICE\",\"value\":\"short\"");
        length.locator("[data-action=reset]").click();
        assertThat(length.locator(".saved-note")).hasText("Back to the default.");
        assertThat(length.locator("select")).hasValue("normal");

        Locator notifications = setting(page, "user-settings", "notifications.enabled");
        assertThat(notifications.locator("input[type=checkbox]")).isChecked();

        // a time zone from the browser's list; one that does not exist gets the API's message next to the field
        Locator zone = setting(page, "user-settings", "preferences.time-zone");
        Locator zoneInput = zone.locator("input");
        assertThat(zoneInput).hasAttribute("list", "zones");
        Assertions.assertThat(page.locator("#zones option").count()).isGreaterThan(300);
        zoneInput.fill("Mars/Olympus_Mons");
        zone.locator("button[type=submit]").click();
        assertThat(zone.locator(".field-error")).containsText("expected an IANA time zone");
        assertThat(zoneInput).hasAttribute("aria-invalid", "true");
        zoneInput.fill("Asia/Tokyo");
        zone.locator("button[type=submit]").click();
        assertThat(zone.locator(".saved-note")).hasText("Saved.");
        assertThat(zone.locator(".field-error")).isHidden();
        zone.locator("[data-action=reset]").click();
        assertThat(zoneInput).hasValue("UTC");

        // an admin's global settings: a name with markup comes back as the text it is
        Locator name = setting(page, "global-settings", "assistant.name");
        name.locator("input").fill(HOSTILE);
        name.locator("button[type=submit]").click();
        assertThat(name.locator(".saved-note")).hasText("Saved.");

        Locator secret = setting(page, "global-settings", "ai.openai.api-key");
        Locator secretInput = secret.locator("input");
        assertThat(secretInput).hasAttribute("type", "password");
        assertThat(secret.locator(".state")).hasText("Not set.");
        assertThat(secret.locator("[data-action=reset]")).hasText("Clear");
        secretInput.fill(SECRET);
        secret.locator("button[type=submit]").click();
        assertThat(secret.locator(".state")).hasText("Set, ending in wxyz. Type a new one to replace it.");
        assertThat(secretInput).hasValue("");

        page.reload();
        assertThat(page.locator(".loading")).isHidden();
        assertThat(name.locator("input")).hasValue(HOSTILE);
        assertThat(page.locator("main img")).hasCount(0);
        assertThat(secret.locator(".state")).hasText("Set, ending in wxyz. Type a new one to replace it.");
        assertThat(secretInput).hasValue("");
        Assertions.assertThat(page.content()).doesNotContain("never-shown");
        page.evaluate("window.scrollTo(0, 0)");
        browser.screenshot(page, "settings");
        Assertions.assertThat(PageChecks.width(page)).as("page width").isLessThanOrEqualTo(page.viewportSize().width);

        secret.locator("[data-action=reset]").click();
        assertThat(secret.locator(".state")).hasText("Not set.");
        assertThat(secret.locator("[data-action=reset]")).isDisabled();
        name.locator("[data-action=reset]").click();
        assertThat(name.locator("input")).hasValue("StarkBot");
        Assertions.assertThat(page.evaluate("window.pwned === undefined")).isEqualTo(true);
        return page;
    }

    private static Locator setting(Page page, String section, String key) {
        return page.locator("#" + section + " li[data-key='" + key + "']");
    }



    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
