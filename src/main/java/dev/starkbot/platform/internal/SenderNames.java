package dev.starkbot.platform.internal;

/**
 * Names people chose for themselves on a platform, made fit to store and to show an admin: without control
 * characters (PostgreSQL refuses NUL; a newline could fake a line in a log) or direction overrides (which can make
 * a name read as another), and at most as long as the column.
 */
final class SenderNames {

    static final int MAX_LENGTH = 128;

    private SenderNames() {
    }

    /** @param fallback what to show when nothing is left of the name, such as the sender's id */
    static String clean(String name, String fallback) {
        String cleaned = name.replaceAll("[\\p{Cc}\\u202A-\\u202E\\u2066-\\u2069]", " ").strip();
        if (cleaned.isEmpty()) {
            cleaned = fallback;
        }
        return Text.cut(cleaned, MAX_LENGTH);
    }

    /**
     * A name as it goes into a model's prompt: also on one line and without brackets, so that a name (or a file
     * name) cannot pass itself off as another person's line. Names prove nothing: the sender chose them.
     */
    static String label(String name) {
        return Text.cut(clean(name, "someone").replaceAll("[\\[\\]\\u2028\\u2029]", " ").strip(), 64);
    }
}
