package dev.starkbot.testing.browser;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.ConsoleMessage;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.PlaywrightException;
import com.microsoft.playwright.options.RequestOptions;
import com.microsoft.playwright.options.ViewportSize;

/**
 * One test's view of the shared Chromium, handed to a {@link BrowserTest}'s test method as a parameter: it opens
 * fresh browser contexts (no cookies or storage shared with other tests), watches every page in them for
 * {@link PageProblem}s, and fails the test at its end if any page reported one, unless the test said it
 * {@link #expectProblems() expects them}. Its contexts are closed when the test ends.
 */
public final class BrowserSession implements AutoCloseable {

    /** Where {@link #screenshot} writes, relative to the project (surefire's working directory). */
    public static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private static final String CSP_BINDING = "__starkbotCspViolation";
    // Playwright injects init scripts itself, so the page's own policy does not apply to this listener. Capturing,
    // so that a page stopping the event's propagation cannot hide a violation.
    private static final String CSP_LISTENER = "document.addEventListener('securitypolicyviolation', e => window."
            + CSP_BINDING + "(e.documentURI, e.effectiveDirective, e.blockedURI || 'inline', e.sourceFile + ':'"
            + " + e.lineNumber, e.disposition), true);";
    // The browser fires securitypolicyviolation from a task of its own, and binding calls reach Java as events:
    // a binding call made after a turn of the page's event loop, and answered, means every earlier one has arrived.
    private static final String FLUSH = "() => new Promise(resolve => setTimeout(resolve)).then(() => window."
            + CSP_BINDING + "())";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]+");
    /** A console message's location: {@code <url>:<line>:<column>}. */
    private static final Pattern LOCATION = Pattern.compile("(.+):\\d+:\\d+");

    private final Browser browser;
    private final Map<BrowserContext, String> viewports = new LinkedHashMap<>();
    private final List<PageProblem> problems = new CopyOnWriteArrayList<>();
    private boolean expectingProblems;

    BrowserSession(Browser browser) {
        this.browser = browser;
    }

    /** A phone held upright: 390x844 CSS pixels at 3 device pixels each, touch, mobile viewport meta honoured. */
    public BrowserContext phone() {
        return newContext("phone", new Browser.NewContextOptions().setViewportSize(390, 844)
                .setDeviceScaleFactor(3).setIsMobile(true).setHasTouch(true));
    }

    /** A laptop's browser window: 1280x800. */
    public BrowserContext desktop() {
        return newContext("desktop", new Browser.NewContextOptions().setViewportSize(1280, 800));
    }

    /**
     * A fresh context with these options, watched like the others; {@code viewport} names it in screenshots. Locale
     * and time zone are fixed so that pages and screenshots do not depend on the machine.
     */
    public BrowserContext newContext(String viewport, Browser.NewContextOptions options) {
        requireName(viewport);
        BrowserContext context = browser.newContext(options.setLocale("en-US").setTimezoneId("UTC"));
        viewports.put(context, viewport);
        // Playwright waits 30 s by default; a page on loopback that needs 15 s is broken, and the test should say so.
        context.setDefaultTimeout(15_000);
        context.onConsoleMessage(message -> {
            if (message.type().equals("error") && !browsersOwnRequestFailed(message)) {
                String where = message.page() == null ? message.location() : message.page().url();
                problems.add(new PageProblem(PageProblem.Kind.CONSOLE_ERROR, where, message.text() + " (at "
                        + message.location() + ")"));
            }
        });
        context.onWebError(error -> problems.add(new PageProblem(PageProblem.Kind.UNCAUGHT_EXCEPTION,
                error.page() == null ? "" : error.page().url(), error.error())));
        context.exposeBinding(CSP_BINDING, (source, args) -> {
            if (args.length == 5) {
                String message = args[1] + " blocked " + args[2] + " (at " + args[3] + ")"
                        + ("report".equals(args[4]) ? ", report only" : "");
                problems.add(new PageProblem(PageProblem.Kind.CSP_VIOLATION, String.valueOf(args[0]), message));
            }
            return null;
        });
        context.addInitScript(CSP_LISTENER);
        return context;
    }

    /**
     * Signs in as the dashboard does, through the context's own request client, so that the session and XSRF
     * cookies land in the context and its pages are signed in. Use the same host for {@code baseUrl} as for the
     * pages ({@code http://localhost:<port>}): cookies belong to a host.
     */
    public void signIn(BrowserContext context, String baseUrl, String username, String password) {
        APIResponse response = context.request().post(baseUrl + "/api/auth/login", RequestOptions.create()
                .setHeader("Content-Type", "application/json")
                .setData(Map.of("username", username, "password", password, "cookie", true)));
        try {
            if (!response.ok()) {
                throw new AssertionError("Signing in as " + username + " answered " + response.status() + ": "
                        + response.text());
            }
        } finally {
            response.dispose();
        }
        List<String> cookies = context.cookies(baseUrl).stream().map(cookie -> cookie.name).toList();
        if (!cookies.contains("starkbot_session")) {
            throw new AssertionError("Signing in as " + username + " set no starkbot_session cookie for " + baseUrl
                    + "; the context has " + cookies);
        }
    }

    /** The whole page as a PNG at {@code target/screenshots/<name>-<viewport>.png}; returns that path. */
    public Path screenshot(Page page, String name) {
        requireName(name);
        Path path = SCREENSHOTS.resolve(name + "-" + viewport(page) + ".png");
        page.screenshot(new Page.ScreenshotOptions().setPath(path).setFullPage(true));
        return path;
    }

    /**
     * For a test about pages that misbehave: the end of the test no longer fails on {@link #problems()}, which the
     * test should then check itself.
     */
    public void expectProblems() {
        expectingProblems = true;
    }

    /** What the pages of this test have reported so far, in order, once every page has had its say. */
    public List<PageProblem> problems() {
        flush();
        return List.copyOf(problems);
    }

    /** Fails with every problem the pages reported, unless the test expects them. */
    void verify() {
        List<PageProblem> reported = problems();
        if (!expectingProblems && !reported.isEmpty()) {
            StringBuilder text = new StringBuilder("The pages of this test reported " + reported.size()
                    + " problem(s); a test that expects them calls expectProblems():");
            reported.forEach(problem -> text.append("\n  ").append(problem));
            throw new AssertionError(text);
        }
    }

    /** Screenshots of every page still open, for a test that failed: {@code <name>-<n>-<viewport>.png}. */
    void screenshotOpenPages(String name) {
        int n = 0;
        for (Page page : openPages()) {
            try {
                screenshot(page, name + "-" + ++n);
            } catch (PlaywrightException e) {
                // A crashed or closing page has nothing to show; the test's own failure says what went wrong.
            }
        }
    }

    @Override
    public void close() {
        viewports.keySet().forEach(BrowserContext::close);
        viewports.clear();
    }

    private void flush() {
        for (Page page : openPages()) {
            try {
                page.evaluate(FLUSH);
            } catch (PlaywrightException e) {
                // Navigating or closing right now: its document's events are gone with it.
            }
        }
    }

    private List<Page> openPages() {
        List<Page> pages = new ArrayList<>();
        viewports.keySet().forEach(context -> context.pages().stream().filter(page -> !page.isClosed())
                .forEach(pages::add));
        return pages;
    }

    private String viewport(Page page) {
        String viewport = viewports.get(page.context());
        if (viewport != null) {
            return viewport;
        }
        ViewportSize size = page.viewportSize();
        return size == null ? "window" : size.width + "x" + size.height;
    }

    /**
     * Chromium logs an error for every answer of 400 or more, including the two requests the browser makes by
     * itself rather than the page: the document navigated to, whose status the test has from {@code navigate()}
     * (an error page is a page too), and {@code /favicon.ico}, which it asks for when a page names no icon.
     */
    private static boolean browsersOwnRequestFailed(ConsoleMessage message) {
        if (!message.text().startsWith("Failed to load resource:")) {
            return false;
        }
        Matcher location = LOCATION.matcher(message.location());
        if (!location.matches()) {
            return false;
        }
        String resource = location.group(1);
        return message.page() != null && resource.equals(message.page().url())
                || URI.create(resource).getPath().equals("/favicon.ico");
    }

    private static void requireName(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Use letters, digits, '.', '_' and '-' in a file name: " + name);
        }
    }
}
