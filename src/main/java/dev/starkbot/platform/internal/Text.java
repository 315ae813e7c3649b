package dev.starkbot.platform.internal;

/** Small text helpers for what the module stores and logs. */
final class Text {

    private Text() {
    }

    /** At most {@code max} characters, without splitting a surrogate pair, and no control characters. */
    static String clip(String text, int max) {
        return cut(text.replaceAll("\\p{Cntrl}", " "), max);
    }

    /** At most {@code max} code points: a column's limit, never cutting a character in half. */
    static String cut(String text, int max) {
        return text.codePointCount(0, text.length()) <= max ? text
                : text.substring(0, text.offsetByCodePoints(0, max));
    }
}
