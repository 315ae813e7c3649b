package dev.starkbot.dashboard.internal;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

import dev.starkbot.job.JobService;
import dev.starkbot.job.spi.JobContext;
import dev.starkbot.job.spi.JobHandler;
import dev.starkbot.testing.browser.BrowserSession;
import dev.starkbot.testing.browser.BrowserTest;
import tools.jackson.databind.json.JsonMapper;

/**
 * The jobs page in Chromium, on a phone and a desktop: a job of a test-only type, whose progress the test steps
 * forward, appears when it is started and its progress bar follows each report over the WebSocket; on the desktop,
 * the connection is dropped, a report made meanwhile arrives once live.js has reconnected and resumed, and the job is
 * cancelled and retried from the page.
 */
@BrowserTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "starkbot.rate-limit.enabled=false", "starkbot.admin.username=" + JobsPageBrowserTest.OWNER,
        "starkbot.admin.password=" + JobsPageBrowserTest.PASSWORD})
class JobsPageBrowserTest {

    static final String OWNER = "jobs-owner";
    static final String PASSWORD = "jobs owner password";
    static final String TYPE = "test.stepped";
    /** Each job's next progress reports, put there by the test: a percentage, or 100 to finish. */
    static final Map<String, BlockingQueue<Integer>> STEPS = new ConcurrentHashMap<>();

    @LocalServerPort
    int port;
    @Autowired
    JobService jobs;

    /** A job that reports the progress the test hands it, and stops when cancelled (or retried: a new run). */
    @TestConfiguration
    static class SteppedJobs {

        @Bean
        JobHandler stepped() {
            return new JobHandler() {
                @Override
                public String type() {
                    return TYPE;
                }

                @Override
                public String run(JobContext context) throws Exception {
                    BlockingQueue<Integer> steps = STEPS.computeIfAbsent(context.jobId(),
                            id -> new LinkedBlockingQueue<>());
                    while (!context.cancelled()) {
                        Integer step = steps.poll(100, TimeUnit.MILLISECONDS);
                        if (step != null && step >= 100) {
                            return "done";
                        }
                        if (step != null) {
                            context.progress(step, "page " + step / 10 + " of 10");
                        }
                    }
                    return null;
                }
            };
        }
    }

    @Test
    void aJobsProgressIsFollowedLiveOnAPhone(BrowserSession browser) {
        Page page = open(browser, browser.phone());
        String id = start(page);
        Locator job = job(page, id);
        step(id, 40);
        assertProgress(job, 40);
        browser.screenshot(page, "jobs");
        step(id, 100);
        assertThat(job.locator(".state")).hasText("Done");
        assertProgress(job, 100);
        assertThat(job.locator("[data-action=cancel]")).isHidden();
        Assertions.assertThat(((Number) page.evaluate("document.documentElement.scrollWidth")).intValue())
                .isLessThanOrEqualTo(page.viewportSize().width);
    }

    @Test
    void progressMadeWhileDisconnectedArrivesAfterReconnectingAndAJobIsCancelledAndRetriedOnADesktop(
            BrowserSession browser) {
        BrowserContext context = browser.desktop();
        Page page = open(browser, context);
        List<String> sent = new CopyOnWriteArrayList<>();
        page.onWebSocket(socket -> socket.onFrameSent(frame -> sent.add(frame.text())));
        String id = start(page);
        Locator job = job(page, id);
        step(id, 30);
        assertProgress(job, 30);
        browser.screenshot(page, "jobs");

        page.evaluate("async () => { document.documentElement.setAttribute('data-test', '');"
                + " (await import('/app/live.js')).testHooks().drop(); }");
        Locator status = page.locator(".topbar .live-status");
        assertThat(status).hasText("Reconnecting…");
        step(id, 60);
        assertProgress(job, 60);
        assertThat(status).hasText("");
        Assertions.assertThat(sent).anyMatch(frame -> frame.contains("\"method\":\"resume\"")
                && frame.contains("\"topic\":\"jobs\""));

        job.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Cancel: " + TYPE)).click();
        assertThat(job.locator(".state")).hasText("Cancelled");
        Locator retry = job.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Retry: " + TYPE));
        retry.click();
        assertThat(job.locator(".state")).hasText("Running");
        assertProgress(job, 0);
        step(id, 100);
        assertThat(job.locator(".state")).hasText("Done");
        assertThat(retry).isHidden();
    }

    private Page open(BrowserSession browser, BrowserContext context) {
        browser.signIn(context, url(""), OWNER, PASSWORD);
        Page page = context.newPage();
        page.navigate(url("/jobs"));
        assertThat(page.locator(".loading")).isHidden();
        return page;
    }

    /** Starts a job for the signed-in user, as a module would; the page hears of it over the WebSocket. */
    private String start(Page page) {
        String me = JsonMapper.builder().build().readTree(page.request().get(url("/api/me")).text())
                .path("user").path("id").asString();
        return jobs.enqueue(TYPE, me, null, 1);
    }

    private static Locator job(Page page, String id) {
        Locator job = page.locator("li.job[data-id='" + id + "']");
        assertThat(job).isVisible();
        return job;
    }

    private static void step(String id, int percent) {
        STEPS.computeIfAbsent(id, key -> new LinkedBlockingQueue<>()).add(percent);
    }

    private static void assertProgress(Locator job, int percent) {
        assertThat(job.locator("progress")).hasJSProperty("value", percent);
        assertThat(job.locator(".progress-percent")).hasText(percent + "%");
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
