package dev.starkbot.dashboard.internal;

import java.util.Arrays;

import org.assertj.core.api.Assertions;

import com.microsoft.playwright.Page;

import dev.starkbot.testing.browser.BrowserSession;
import dev.starkbot.testing.browser.PageProblem;

/** What the dashboard's browser tests check on every page: how wide it is, and which problems it may report. */
final class PageChecks {

    private PageChecks() {
    }

    /** The page's width in CSS pixels, to check that nothing is wider than the screen. */
    static int width(Page page) {
        return ((Number) page.evaluate("document.documentElement.scrollWidth")).intValue();
    }

    /**
     * Chromium logs every answer of 400 or more to the console, also those a test provokes on purpose (a wrong
     * template, a wrong password): those answers of the given status from the given addresses are the page working;
     * any other problem fails the test.
     */
    static void onlyTheseRefusals(BrowserSession browser, int status, String... urls) {
        browser.expectProblems();
        Assertions.assertThat(browser.problems()).filteredOn(problem -> !(problem.kind()
                == PageProblem.Kind.CONSOLE_ERROR && problem.message().contains("status of " + status)
                && Arrays.stream(urls).anyMatch(url -> problem.message().contains("(at " + url + ":"))))
                .isEmpty();
    }
}
