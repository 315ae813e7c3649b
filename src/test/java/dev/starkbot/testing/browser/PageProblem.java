package dev.starkbot.testing.browser;

/**
 * Something a page reported that a working dashboard page never does: an error on the console, an exception no
 * script caught, or something its Content Security Policy blocked (or, for a report-only policy, would block).
 *
 * @param url the address of the page (or frame) it happened on
 * @param message what the browser said: the console text, the exception, or the violated directive and what it
 *                blocked
 */
public record PageProblem(Kind kind, String url, String message) {

    public enum Kind {
        CONSOLE_ERROR,
        UNCAUGHT_EXCEPTION,
        CSP_VIOLATION
    }

    @Override
    public String toString() {
        return kind + " on " + url + ": " + message;
    }
}
