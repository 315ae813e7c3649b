package dev.starkbot.dashboard.internal;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

import dev.starkbot.StarkBotApplication;
import dev.starkbot.testing.StarkBotProcess;
import dev.starkbot.testing.TestDatabase;
import dev.starkbot.testing.browser.BrowserSession;
import dev.starkbot.testing.browser.BrowserTest;
import dev.starkbot.testing.browser.PageProblem;

/**
 * A new installation in a real browser: the home page sends a stranger to sign in, the setup page takes the code
 * from the log and creates the admin, who lands in the chat signed in; signing out and in again, with a wrong
 * password first. On a phone and on a desktop, with no console error and no CSP violation on any page.
 */
@BrowserTest
@ExtendWith(OutputCaptureExtension.class)
class SetupAndSignInBrowserTest {

    private static final String PASSWORD = "a long and private passphrase";

    @Test
    @SuppressWarnings("try")
    void aNewInstallationIsSetUpAndSignedIntoFromThePages(BrowserSession browser, CapturedOutput output)
            throws Exception {
        int port = StarkBotProcess.freePort();
        try (ConfigurableApplicationContext ignored = start(port)) {
            Matcher code = Pattern.compile("\\b([A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4})\\b").matcher(output.getOut());
            assertThat(code.find()).as("a setup code in the log").isTrue();
            String base = "http://localhost:" + port;

            BrowserContext phone = browser.phone();
            Page page = phone.newPage();
            page.navigate(base + "/");
            assertThat(page).hasURL(base + "/login");
            browser.screenshot(page, "login");
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Set up StarkBot")).click();
            assertThat(page).hasURL(base + "/setup");
            page.getByLabel("Setup code").fill(code.group(1));
            page.getByLabel("Username").fill("ada");
            page.getByLabel("Your name").fill("Ada");
            page.getByLabel("Password").fill(PASSWORD);
            browser.screenshot(page, "setup");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create the account and sign in"))
                    .click();
            assertThat(page).hasURL(base + "/chat");
            assertThat(page.getByText("ada", new Page.GetByTextOptions().setExact(true))).isVisible();
            assertThat(phone.cookies()).anySatisfy(cookie -> {
                assertThat(cookie.name).isEqualTo("starkbot_session");
                assertThat(cookie.httpOnly).isTrue();
            });

            // a second visit of the setup page says it is done
            page.navigate(base + "/setup");
            assertThat(page.getByText("StarkBot is already set up.")).isVisible();

            BrowserContext desktop = browser.desktop();
            Page other = desktop.newPage();
            other.navigate(base + "/setup");
            assertThat(other.getByText("StarkBot is already set up.")).isVisible();
            browser.screenshot(other, "setup");
            other.navigate(base + "/schedules");
            assertThat(other).hasURL(base + "/login?next=%2Fschedules");
            browser.screenshot(other, "login");
            other.getByLabel("Username").fill("ada");
            other.getByLabel("Password").fill("not the password");
            other.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
            // the refused login is the one failed request the browser logs
            browser.expectProblems();
            assertThat(other.getByRole(AriaRole.ALERT)).isVisible();
            browser.screenshot(other, "login-refused");
            other.getByLabel("Password").fill(PASSWORD);
            other.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
            assertThat(other).hasURL(base + "/schedules");

            other.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign out")).click();
            assertThat(other).hasURL(base + "/login");
            other.navigate(base + "/chat");
            assertThat(other).hasURL(base + "/login?next=%2Fchat");
            assertThat(browser.problems()).singleElement().satisfies(problem -> {
                assertThat(problem.kind()).isEqualTo(PageProblem.Kind.CONSOLE_ERROR);
                assertThat(problem.message()).contains("401");
            });
        }
    }

    private static ConfigurableApplicationContext start(int port) {
        List<String> args = new ArrayList<>();
        Map<String, String> database = TestDatabase.fresh();
        database.forEach((key, value) -> args.add("--" + key + "=" + value));
        args.add("--server.port=" + port);
        args.add("--starkbot.rate-limit.enabled=false");
        return new SpringApplicationBuilder(StarkBotApplication.class).run(args.toArray(String[]::new));
    }
}
