package dev.starkbot.platform.discord.internal;

import java.util.regex.Pattern;

import dev.starkbot.platform.internal.Markdown;
import dev.starkbot.platform.spi.MessageFormat;

/**
 * Replies in Discord's own Markdown dialect. The model's Markdown is untrusted and mostly CommonMark: it is parsed and
 * written again with only what Discord shows (emphasis, strike, code, fenced blocks, quotes, lists, three heading
 * levels, masked links), tables laid out in a code block, and every other character that Discord would read as markup
 * escaped, so a reply shows as the model meant it and can never mention or format more than it says.
 */
final class DiscordMarkdown implements MessageFormat {

    /** Discord's limit for a message's content; JDA refuses longer ones itself, counting UTF-16 code units. */
    static final int MAX_LENGTH = 2000;
    private static final Pattern SPECIAL = Pattern.compile("([\\\\*_~`|<>\\[\\]#])");
    static final Pattern WEB = Pattern.compile("(?i)https?://[^\\s<>()\\[\\]`]+");
    private static final Pattern LINE_START = Pattern.compile("(?m)^(\\s*)([-+>]|\\d+[.)])(?=\\s|$)");

    @Override
    public int maxLength() {
        return MAX_LENGTH;
    }

    @Override
    public String render(String markdown) {
        return DiscordMarkdownWriter.render(Markdown.parse(markdown));
    }

    @Override
    public String escape(String plain) {
        return text(plain);
    }

    /**
     * Plain text shown as written: a backslash before any punctuation shows the character and hides itself, so every
     * character Discord could read as markup (or as the start of a mention or a timestamp) is escaped,
     * and so is a list or quote marker at the start of a line. Web addresses are left whole: Discord links them.
     */
    static String text(String plain) {
        var out = new StringBuilder(plain.length() + 16);
        var web = WEB.matcher(plain);
        int at = 0;
        while (web.find()) {
            // Discord finds addresses in the raw text: an escape inside one would break it
            out.append(SPECIAL.matcher(plain.substring(at, web.start())).replaceAll("\\\\$1")).append(web.group());
            at = web.end();
        }
        out.append(SPECIAL.matcher(plain.substring(at)).replaceAll("\\\\$1"));
        return LINE_START.matcher(out).replaceAll("$1\\\\$2");
    }
}
