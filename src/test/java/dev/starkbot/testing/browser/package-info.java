/**
 * Browser tests of the dashboard: Playwright for Java driving Debian's Chromium ({@code /usr/bin/chromium},
 * headless, never a downloaded browser). A class annotated {@link dev.starkbot.testing.browser.BrowserTest} shares
 * the JVM's one browser; each test takes a {@link dev.starkbot.testing.browser.BrowserSession} for fresh
 * {@code phone()} and {@code desktop()} contexts, {@code signIn}, full-page screenshots under
 * {@code target/screenshots/}, and fails when a page logs a console error, throws, or breaks its Content Security
 * Policy. {@code BrowserInfrastructureIntegrationTest} shows the whole of it against pages that exist.
 */
package dev.starkbot.testing.browser;
