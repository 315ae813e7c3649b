package dev.starkbot.testing.browser;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;

/**
 * The Playwright driver and the Chromium of this test JVM: launched by the first browser test class, closed by
 * JUnit when the whole run ends, so that every browser test class after the first pays nothing. Debian's
 * Chromium, never one Playwright downloads. Playwright objects are not thread-safe: browser tests run on JUnit's
 * one thread (the build enables no parallel execution).
 */
final class Chromium implements AutoCloseable {

    /**
     * Debian's package, which {@code .ci/run} installs when missing; {@code -Dstarkbot.test.chromium=<path>} names
     * another Chromium (a developer's machine may have it elsewhere).
     */
    static final Path EXECUTABLE = Path.of(System.getProperty("starkbot.test.chromium", "/usr/bin/chromium"));

    private static final Logger log = LoggerFactory.getLogger(Chromium.class);

    private final Playwright playwright;
    private final Browser browser;

    private Chromium(Playwright playwright, Browser browser) {
        this.playwright = playwright;
        this.browser = browser;
    }

    static boolean installed() {
        return Files.isExecutable(EXECUTABLE);
    }

    static Chromium launch() {
        long start = System.nanoTime();
        // Also set for surefire in the pom; repeated here so that a test started from an IDE downloads nothing.
        // The driver (Node and Playwright's server) is unpacked from the driver-bundle jar into a temporary
        // directory once per JVM and deleted when the JVM exits.
        Playwright playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        long driverReady = System.nanoTime();
        try {
            // Headless, and without Chromium's sandbox, which refuses to start as root (CI runs as root).
            Browser browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                    .setExecutablePath(EXECUTABLE).setHeadless(true).setArgs(List.of("--no-sandbox")));
            long end = System.nanoTime();
            log.info("Chromium {} launched in {} ms (Playwright driver {} ms, browser {} ms)", browser.version(),
                    Duration.ofNanos(end - start).toMillis(), Duration.ofNanos(driverReady - start).toMillis(),
                    Duration.ofNanos(end - driverReady).toMillis());
            return new Chromium(playwright, browser);
        } catch (RuntimeException e) {
            playwright.close();
            throw e;
        }
    }

    Browser browser() {
        return browser;
    }

    @Override
    public void close() {
        // Closing Playwright closes the browser and stops the driver process.
        playwright.close();
    }
}
