package dev.starkbot.dashboard.internal;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

import dev.starkbot.testing.browser.BrowserSession;
import dev.starkbot.testing.browser.BrowserTest;

/**
 * The personas page in Chromium, on a phone and a desktop: a persona whose template carries markup is written, its
 * preview follows the template and shows the API's message for an unknown variable, the API's field errors land next
 * to their fields, and the saved persona is listed, changed and deleted; the markup stays text throughout, and the
 * built-in persona can only be read.
 */
@BrowserTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "starkbot.rate-limit.enabled=false", "starkbot.admin.username=" + PersonasPageBrowserTest.ADMIN,
        "starkbot.admin.password=" + PersonasPageBrowserTest.PASSWORD})
class PersonasPageBrowserTest {

    static final String ADMIN = "personas-admin";
    static final String PASSWORD = "personas admin password";
    private static final String HOSTILE = "<img src=x onerror=\"window.pwned=1\"><script>window.pwned=2</script>";

    @LocalServerPort
    int port;

    @Test
    void aPersonaWithMarkupInItsTemplateIsPreviewedSavedChangedAndDeletedOnAPhone(BrowserSession browser) {
        Page page = writeChangeAndDelete(browser, browser.phone(), "Reviewer phone");
        page.setViewportSize(360, 780);
        Assertions.assertThat(PageChecks.width(page)).as("list at 360 px").isLessThanOrEqualTo(360);
        PageChecks.onlyTheseRefusals(browser, 422, url("/api/personas"), url("/api/personas/preview"));
    }

    @Test
    void aPersonaWithMarkupInItsTemplateIsPreviewedSavedChangedAndDeletedOnADesktop(BrowserSession browser) {
        writeChangeAndDelete(browser, browser.desktop(), "Reviewer desktop");
        PageChecks.onlyTheseRefusals(browser, 422, url("/api/personas"), url("/api/personas/preview"));
    }

    private Page writeChangeAndDelete(BrowserSession browser, BrowserContext context, String name) {
        browser.signIn(context, url(""), ADMIN, PASSWORD);
        Page page = context.newPage();
        page.navigate(url("/personas"));
        assertThat(page.locator(".loading")).isHidden();

        // the built-in persona is listed first and opens read-only
        Locator builtIn = page.locator("li.persona").first();
        assertThat(builtIn.locator(".item-name")).hasText("Default");
        assertThat(builtIn.locator(".built-in")).isVisible();
        assertThat(builtIn.locator("[data-action=delete]")).isHidden();
        builtIn.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("View: Default")).click();
        Locator dialog = page.locator("#persona-dialog");
        assertThat(dialog).isVisible();
        assertThat(page.locator("#p-prompt")).hasAttribute("readonly", "");
        assertThat(dialog.locator("button[type=submit]")).isHidden();
        assertThat(page.locator("#persona-preview .preview-text")).containsText("You are StarkBot");
        dialog.locator("[data-action=close-form]").first().click();
        assertThat(dialog).isHidden();

        page.locator("[data-action=new-persona]").click();
        assertThat(dialog).isVisible();
        assertThat(page.locator("#p-name")).isFocused();
        page.locator("#p-name").fill("<b>bold</b>");
        Locator prompt = page.locator("#p-prompt");
        prompt.fill(HOSTILE + "Review for {{user.name}} on {{platform}}; be {{tone}}.");
        assertThat(page.locator("#e-prompt")).containsText("Unknown variable");
        assertThat(prompt).hasAttribute("aria-invalid", "true");

        page.locator("[data-action=add-variable]").click();
        page.locator(".variable-name").fill("tone");
        page.locator(".variable-value").fill("brief <i>really</i>");
        Locator previewText = page.locator("#persona-preview .preview-text");
        assertThat(previewText).hasText(HOSTILE + "Review for " + ADMIN + " on web; be brief <i>really</i>.");
        assertThat(page.locator("#e-prompt")).isHidden();
        assertThat(page.locator("#persona-preview img, #persona-preview script, #persona-preview i")).hasCount(0);

        // the name breaks the API's rule: its message lands next to the name, which takes the focus
        page.locator("#persona-form button[type=submit]").click();
        assertThat(page.locator("#e-name")).containsText("letters, digits");
        assertThat(page.locator("#p-name")).isFocused();
        page.locator("#p-name").fill(name);
        page.locator("#p-model").fill("anthropic:claude-sonnet-4-5");
        page.locator("#p-temperature").fill("0.2");
        browser.screenshot(page, "persona-form");
        page.locator("#persona-form button[type=submit]").click();
        assertThat(dialog).isHidden();

        Locator item = page.locator("li.persona").filter(new Locator.FilterOptions().setHasText(name));
        assertThat(item.locator(".model")).hasText("anthropic:claude-sonnet-4-5");
        assertThat(item.locator(".temperature")).hasText("0.2");
        assertThat(item.locator(".tools")).hasText("every tool");
        assertThat(item.locator(".prompt-excerpt")).containsText(HOSTILE);
        assertThat(page.locator("main img, main script:not([src])")).hasCount(0);
        page.evaluate("window.scrollTo(0, 0)");
        browser.screenshot(page, "personas");
        Assertions.assertThat(PageChecks.width(page)).as("page width").isLessThanOrEqualTo(page.viewportSize().width);

        item.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Edit: " + name)).click();
        assertThat(page.locator(".variable-value")).hasValue("brief <i>really</i>");
        page.locator("#p-tools-mode").selectOption("some");
        page.locator("#p-tools").fill("");
        page.locator("#p-name").fill(name + " renamed");
        page.locator("#persona-form button[type=submit]").click();
        assertThat(dialog).isHidden();
        Locator renamed = page.locator("li.persona").filter(new Locator.FilterOptions()
                .setHasText(name + " renamed"));
        assertThat(renamed.locator(".tools")).hasText("none");

        renamed.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Delete: " + name + " renamed"))
                .click();
        Locator confirm = page.locator("#delete-dialog");
        assertThat(confirm.locator("#delete-what")).hasText("“" + name + " renamed” will be gone.");
        confirm.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Delete")).click();
        assertThat(renamed).hasCount(0);
        Assertions.assertThat(page.request().get(url("/api/personas")).text()).doesNotContain(name);
        Assertions.assertThat(page.evaluate("window.pwned === undefined")).isEqualTo(true);
        return page;
    }



    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
