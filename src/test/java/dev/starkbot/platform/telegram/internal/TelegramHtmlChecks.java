package dev.starkbot.platform.telegram.internal;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.web.util.HtmlUtils;

/**
 * A strict reading of the Bot API's HTML parse mode, stricter than Telegram's own where Telegram would quietly fix
 * or drop something: only the documented tags and attributes, balanced, nested as the entity rules allow (nothing
 * inside code, no link in a link, no code in a link, no quote in a quote), and no {@code <}, {@code >} or
 * {@code &} that is not markup.
 */
public final class TelegramHtmlChecks {

    private static final Set<String> TAGS = Set.of("b", "i", "u", "s", "a", "code", "pre", "blockquote",
            "tg-spoiler");
    private static final Pattern TAG = Pattern.compile("<(/?)([a-z-]+)((?: [a-z]+=\"[^\"<>]*\")?)>");
    private static final Pattern ENTITY = Pattern.compile("&(lt|gt|amp|quot|#[0-9]{1,7}|#x[0-9a-fA-F]{1,6});");

    private TelegramHtmlChecks() {
    }

    /** The text Telegram shows for {@code html}; fails the test if {@code html} is not well-formed. */
    public static String visibleText(String html) {
        var text = new StringBuilder();
        Deque<String> open = new ArrayDeque<>();
        for (int i = 0; i < html.length(); i++) {
            char c = html.charAt(i);
            if (c == '<') {
                Matcher tag = TAG.matcher(html).region(i, html.length());
                check(tag.lookingAt(), html, i, "malformed tag");
                if (tag.group(1).isEmpty()) {
                    opening(tag.group(2), tag.group(3), open, html, i, text.length());
                } else {
                    check(!open.isEmpty() && open.pop().equals(tag.group(2)) && tag.group(3).isEmpty(), html, i,
                            "unbalanced </" + tag.group(2) + ">");
                }
                i = tag.end() - 1;
            } else if (c == '&') {
                Matcher entity = ENTITY.matcher(html).region(i, html.length());
                check(entity.lookingAt(), html, i, "bare & or unknown entity");
                text.append(HtmlUtils.htmlUnescape(entity.group()));
                i = entity.end() - 1;
            } else {
                check(c != '>', html, i, "bare >");
                text.append(c);
            }
        }
        check(open.isEmpty(), html, html.length(), "unclosed <" + open.peek() + ">");
        return text.toString();
    }

    private static void opening(String name, String attributes, Deque<String> open, String html, int at,
            int textLength) {
        check(TAGS.contains(name), html, at, "tag <" + name + "> is not Telegram's");
        String parent = open.peek();
        check(!"code".equals(parent) && !("pre".equals(parent) && !name.equals("code")), html, at,
                "markup inside code");
        check(!name.equals("pre") || parent == null || parent.equals("blockquote"), html, at, "pre nested in "
                + parent);
        check(!open.contains("a") || !name.equals("a") && !name.equals("code"), html, at, name + " inside a link");
        check(!name.equals("blockquote") || !open.contains("blockquote"), html, at, "quote in a quote");
        if (name.equals("a")) {
            check(attributes.startsWith(" href=\""), html, at, "a without href");
            checkAttribute(attributes, html, at);
        } else if (name.equals("code") && "pre".equals(parent)) {
            check(attributes.isEmpty() || attributes.matches(" class=\"language-[A-Za-z0-9_+#.-]+\""), html, at,
                    "bad code class");
            check(html.startsWith("<pre>", at - 5), html, at, "text between pre and code");
        } else {
            check(attributes.isEmpty(), html, at, "attributes on <" + name + ">");
        }
        open.push(name);
    }

    private static void checkAttribute(String attribute, String html, int at) {
        String value = attribute.substring(attribute.indexOf('"') + 1, attribute.length() - 1);
        for (int i = value.indexOf('&'); i >= 0; i = value.indexOf('&', i + 1)) {
            check(ENTITY.matcher(value).region(i, value.length()).lookingAt(), html, at, "bare & in attribute");
        }
    }

    private static void check(boolean ok, String html, int at, String problem) {
        if (!ok) {
            int from = Math.max(0, at - 40);
            throw new AssertionError(problem + " at " + at + ": …" + html.substring(from, Math.min(html.length(),
                    at + 40)) + "…\nin:\n" + html);
        }
    }
}
