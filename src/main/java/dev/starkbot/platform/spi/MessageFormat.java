package dev.starkbot.platform.spi;

/** How replies, written by the model in Markdown, are shown on a platform. */
public interface MessageFormat {

    /** The longest message the platform accepts, counted as {@link #length} counts. */
    int maxLength();

    /** Markdown to the platform's markup; the result may be longer than the input. */
    String render(String markdown);

    /** Plain text, shown as written (no markup applies). */
    String escape(String plain);

    /** A message's length as the platform counts it (Telegram counts UTF-16 code units after parsing entities). */
    default int length(String rendered) {
        return rendered.length();
    }
}
