package dev.starkbot.platform.internal;

/** Small text helpers for what the module stores and logs. */
final class Text {

    private Text() {
    }

    /** At most {@code max} characters, without splitting a surrogate pair, and no control characters. */
    static String clip(String text, int max) {
        String clean = text.replaceAll("\\p{Cntrl}", " ");
        if (clean.length() <= max) {
            return clean;
        }
        int end = Character.isHighSurrogate(clean.charAt(max - 1)) ? max - 1 : max;
        return clean.substring(0, end);
    }
}
