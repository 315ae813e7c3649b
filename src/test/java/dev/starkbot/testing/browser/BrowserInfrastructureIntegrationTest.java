package dev.starkbot.testing.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.assertions.PlaywrightAssertions;

import dev.starkbot.testing.browser.PageProblem.Kind;
import dev.starkbot.user.Access;
import dev.starkbot.user.PermissionRule;

/**
 * The browser-test infrastructure against pages that exist before the dashboard: the Discord install page (public,
 * a strict policy, no script) on a phone and a desktop, signing in through a context, and test pages that break
 * their policy, log an error and throw, to show that each of those is caught.
 */
@BrowserTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "starkbot.rate-limit.enabled=false", "starkbot.admin.username=" + BrowserInfrastructureIntegrationTest.ADMIN,
        "starkbot.admin.password=" + BrowserInfrastructureIntegrationTest.PASSWORD})
@Import(BrowserInfrastructureIntegrationTest.MisbehavingPages.class)
class BrowserInfrastructureIntegrationTest {

    static final String ADMIN = "browser-admin";
    static final String PASSWORD = "the browser admin's password";

    @LocalServerPort
    int port;

    @Test
    void theDiscordInstallPageShowsOnAPhoneAndADesktopWithinItsPolicy(BrowserSession browser) throws IOException {
        for (BrowserContext context : List.of(browser.phone(), browser.desktop())) {
            Page page = context.newPage();
            Response response = page.navigate(url("/oauth2/discord/callback"));

            assertThat(response.status()).isEqualTo(400);
            PlaywrightAssertions.assertThat(page.locator("h1")).hasText("StarkBot could not finish adding the bot");
            PlaywrightAssertions.assertThat(page.locator("p")).containsText("This install link has expired");
            browser.screenshot(page, "discord-install-expired");
        }

        assertThat(width("discord-install-expired-phone")).as("390 CSS pixels at 3 device pixels").isEqualTo(1170);
        assertThat(width("discord-install-expired-desktop")).isEqualTo(1280);
        assertThat(browser.problems()).isEmpty();
    }

    @Test
    void signingInCarriesTheSessionCookieIntoThePages(BrowserSession browser) {
        BrowserContext context = browser.phone();
        browser.signIn(context, url(""), ADMIN, PASSWORD);

        Page page = context.newPage();
        page.navigate(url("/api/me"));

        assertThat(page.locator("body").textContent()).contains("\"username\":\"" + ADMIN + "\"");
        assertThat(context.cookies(url("")).stream().map(cookie -> cookie.name))
                .contains("starkbot_session", "XSRF-TOKEN");
    }

    @Test
    void anInlineScriptThePolicyBlocksFailsTheTest(BrowserSession browser) {
        Page page = browser.desktop().newPage();
        page.navigate(url("/test/inline-script"));

        assertThat(page.title()).as("the blocked script did not run").isEqualTo("untouched");
        assertThat(browser.problems()).filteredOn(problem -> problem.kind() == Kind.CSP_VIOLATION).singleElement()
                .satisfies(problem -> {
                    assertThat(problem.url()).isEqualTo(url("/test/inline-script"));
                    assertThat(problem.message()).startsWith("script-src-elem blocked inline");
                });
        assertThatThrownBy(browser::verify).hasMessageContaining("CSP_VIOLATION on " + url("/test/inline-script"));
        browser.expectProblems();
    }

    @Test
    void aConsoleErrorAndAnUncaughtExceptionFailTheTest(BrowserSession browser) {
        Page page = browser.phone().newPage();
        page.navigate(url("/test/throwing-script"));

        assertThat(browser.problems()).extracting(PageProblem::kind).containsExactly(Kind.CONSOLE_ERROR,
                Kind.UNCAUGHT_EXCEPTION);
        assertThat(browser.problems().get(0).message()).startsWith("the page logged an error (at " + url(
                "/test/throwing-script.js"));
        assertThat(browser.problems().get(1).message()).startsWith("Error: the page threw");
        assertThatThrownBy(browser::verify).hasMessageContaining("CONSOLE_ERROR").hasMessageContaining(
                "UNCAUGHT_EXCEPTION");
        browser.expectProblems();
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    private static int width(String screenshot) throws IOException {
        BufferedImage image = ImageIO.read(BrowserSession.SCREENSHOTS.resolve(screenshot + ".png").toFile());
        return image.getWidth();
    }

    /** Pages that misbehave on purpose, under the same kind of policy as the real ones. */
    @TestConfiguration
    @RestController
    static class MisbehavingPages {

        private static final String POLICY = "default-src 'none'; script-src 'self'";

        @Bean
        PermissionRule testPages() {
            return PermissionRule.of("GET", "/test/**", Access.PUBLIC);
        }

        @GetMapping("/test/inline-script")
        ResponseEntity<String> inlineScript() {
            return html("<title>untouched</title><script>document.title = 'ran'</script>");
        }

        @GetMapping("/test/throwing-script")
        ResponseEntity<String> throwingScript() {
            return html("<title>throws</title><script src=\"/test/throwing-script.js\"></script>");
        }

        @GetMapping("/test/throwing-script.js")
        ResponseEntity<String> script() {
            return ResponseEntity.ok().header("Content-Type", "text/javascript")
                    .body("console.error('the page logged an error'); throw new Error('the page threw');");
        }

        private static ResponseEntity<String> html(String head) {
            return ResponseEntity.ok().header("Content-Type", "text/html;charset=utf-8")
                    .header("Content-Security-Policy", POLICY)
                    .body("<!DOCTYPE html><html lang=\"en\"><head>" + head + "</head><body></body></html>");
        }
    }
}
