package dev.starkbot.platform.telegram.internal;

import dev.starkbot.platform.internal.Markdown;
import dev.starkbot.platform.spi.MessageFormat;

/**
 * Replies in the Bot API's HTML parse mode (https://core.telegram.org/bots/api#html-style). The model's Markdown is
 * untrusted: whatever it writes, the result uses only the tags Telegram knows, balanced and nested as Telegram allows,
 * and every other {@code <}, {@code >} and {@code &} is escaped, so a reply can never be refused as unparsable.
 */
public final class TelegramHtml implements MessageFormat {

    /** Telegram's limit for a text message, in UTF-16 code units of the text after entity parsing. */
    public static final int MAX_LENGTH = 4096;
    /** {@code &#x10FFFF;}: a longer run from {@code &} to {@code ;} is no entity, so the search for one stops. */
    private static final int LONGEST_ENTITY = 10;

    @Override
    public int maxLength() {
        return MAX_LENGTH;
    }

    /** The reply as Telegram HTML; empty when it would show nothing, which Telegram refuses to send. */
    @Override
    public String render(String markdown) {
        String html = TelegramHtmlWriter.render(Markdown.parse(markdown));
        return shown(html).isBlank() ? "" : html;
    }

    @Override
    public String escape(String plain) {
        return text(plain);
    }

    /**
     * Counts what Telegram counts: tags weigh nothing and an entity ({@code &lt;}, {@code &#128512;}) weighs the
     * UTF-16 length of the character it stands for. Leading and trailing white space, which Telegram trims, is
     * counted: an upper bound is what a splitter needs.
     */
    @Override
    public int length(String rendered) {
        return shown(rendered).length();
    }

    /** The text Telegram shows for {@code rendered}: tags left out, entities decoded. */
    static String shown(String rendered) {
        var shown = new StringBuilder(rendered.length());
        int lastTagEnd = rendered.lastIndexOf('>');
        for (int i = 0; i < rendered.length(); i++) {
            char c = rendered.charAt(i);
            if (c == '<' && i < lastTagEnd) {
                i = rendered.indexOf('>', i);
                continue;
            }
            int semicolon = c == '&' ? rendered.indexOf(';', i + 1, Math.min(rendered.length(), i + LONGEST_ENTITY))
                    : -1;
            String decoded = semicolon > i ? decoded(rendered.substring(i + 1, semicolon)) : null;
            if (decoded == null) {
                shown.append(c);
            } else {
                shown.append(decoded);
                i = semicolon;
            }
        }
        return shown.toString();
    }

    /** What {@code &name;} stands for in Telegram's parser, or null if it is not an entity Telegram knows. */
    private static String decoded(String name) {
        return switch (name) {
            case "lt" -> "<";
            case "gt" -> ">";
            case "amp" -> "&";
            case "quot" -> "\"";
            default -> {
                int codePoint = name.matches("#[0-9]{1,7}") ? Integer.parseInt(name.substring(1))
                        : name.matches("#[xX][0-9a-fA-F]{1,6}") ? Integer.parseInt(name.substring(2), 16) : -1;
                yield Character.isValidCodePoint(codePoint) ? Character.toString(codePoint) : null;
            }
        };
    }

    /** Text content: the three characters HTML mode reads as markup. */
    static String text(String plain) {
        return escaped(plain, false);
    }

    /** An attribute value, which is quoted with {@code "}. */
    static String attribute(String plain) {
        return escaped(plain, true);
    }

    private static String escaped(String plain, boolean quote) {
        var escaped = new StringBuilder(plain.length() + 16);
        for (int i = 0; i < plain.length(); i++) {
            char c = plain.charAt(i);
            switch (c) {
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '&' -> escaped.append("&amp;");
                case '"' -> escaped.append(quote ? "&quot;" : "\"");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }
}
