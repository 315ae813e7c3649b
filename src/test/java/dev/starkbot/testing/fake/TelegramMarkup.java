package dev.starkbot.testing.fake;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Bot API's {@code parse_mode}: turns MarkdownV2, HTML or legacy Markdown into plain text and message entities,
 * or fails with the Bot API's own "can't parse entities" reasons, so that a client's escaping is checked as strictly
 * as Telegram checks it. Entity offsets and lengths count UTF-16 code units, as in the Bot API; error offsets count
 * UTF-8 bytes of the source text, as Telegram's messages do. Like Telegram, leading and trailing white space is
 * trimmed from the result.
 */
final class TelegramMarkup {

    /** The text a user sees and its entities. */
    record Parsed(String text, ArrayNode entities) {
    }

    /** A parse failure; its message is what follows "Bad Request: can't parse entities: ". */
    static final class ParseException extends Exception {
        ParseException(String message) {
            super(message);
        }
    }

    private static final String MARKDOWN_V2_RESERVED = "_*[]()~`>#+-=|{}.!";
    private static final Map<String, String> HTML_TAGS = Map.ofEntries(Map.entry("b", "bold"),
            Map.entry("strong", "bold"), Map.entry("i", "italic"), Map.entry("em", "italic"),
            Map.entry("u", "underline"), Map.entry("ins", "underline"), Map.entry("s", "strikethrough"),
            Map.entry("strike", "strikethrough"), Map.entry("del", "strikethrough"), Map.entry("span", "spoiler"),
            Map.entry("tg-spoiler", "spoiler"), Map.entry("a", "text_link"), Map.entry("code", "code"),
            Map.entry("pre", "pre"), Map.entry("blockquote", "blockquote"), Map.entry("tg-emoji", "custom_emoji"));

    private final String source;
    private final StringBuilder text = new StringBuilder();
    private final ArrayNode entities = WireJson.JSON.createArrayNode();
    private int i;

    private TelegramMarkup(String source) {
        this.source = source;
    }

    /** Parses {@code source} in the given mode; null or empty means plain text. */
    static Parsed parse(String source, String parseMode) throws ParseException {
        var markup = new TelegramMarkup(source);
        switch (parseMode == null ? "" : parseMode.toLowerCase(Locale.ROOT)) {
            case "" -> markup.text.append(source);
            case "markdownv2" -> markup.markdownV2();
            case "html" -> markup.html();
            case "markdown" -> markup.legacyMarkdown();
            default -> throw new ParseException("Unsupported parse_mode");
        }
        return markup.trimmed();
    }

    // MarkdownV2 --------------------------------------------------------------------------------------------------

    private record Open(String marker, String type, int offset, int sourceOffset) {
    }

    private void markdownV2() throws ParseException {
        Deque<Open> open = new ArrayDeque<>();
        int quoteStart = -1;
        for (i = 0; i < source.length(); i++) {
            char c = source.charAt(i);
            boolean lineStart = i == 0 || source.charAt(i - 1) == '\n';
            if (lineStart && quoteStart >= 0 && c != '>') {
                entity("blockquote", quoteStart, text.length() - 1, null);
                quoteStart = -1;
            }
            if (c == '\\' && i + 1 < source.length() && source.charAt(i + 1) >= 1 && source.charAt(i + 1) <= 126) {
                text.append(source.charAt(++i));
            } else if (lineStart && c == '>') {
                quoteStart = quoteStart < 0 ? text.length() : quoteStart;
            } else if (c == '`') {
                code();
            } else if (c == '[') {
                open.push(new Open("]", "text_link", text.length(), i));
            } else if (c == ']' && !open.isEmpty() && open.peek().marker().equals("]")) {
                link(open.pop());
            } else if ("_*~|".indexOf(c) >= 0) {
                if (c == '|' && !source.startsWith("||", i)) {
                    throw reserved(c);
                }
                String marker = c == '_' && source.startsWith("__", i) ? "__" : c == '|' ? "||" : String.valueOf(c);
                i += marker.length() - 1;
                if (!open.isEmpty() && open.peek().marker().equals(marker)) {
                    Open start = open.pop();
                    entity(start.type(), start.offset(), text.length(), null);
                } else {
                    open.push(new Open(marker, markdownType(marker), text.length(), i - marker.length() + 1));
                }
            } else if (MARKDOWN_V2_RESERVED.indexOf(c) >= 0) {
                throw reserved(c);
            } else {
                text.append(c);
            }
        }
        if (quoteStart >= 0) {
            entity("blockquote", quoteStart, text.length(), null);
        }
        if (!open.isEmpty()) {
            Open unclosed = open.peek();
            throw new ParseException("Can't find end of " + entityName(unclosed.type()) + " entity at byte offset "
                    + byteOffset(unclosed.sourceOffset()));
        }
    }

    private static String markdownType(String marker) {
        return switch (marker) {
            case "*" -> "bold";
            case "_" -> "italic";
            case "__" -> "underline";
            case "~" -> "strikethrough";
            default -> "spoiler";
        };
    }

    private static String entityName(String type) {
        return switch (type) {
            case "text_link" -> "TextUrl";
            case "strikethrough" -> "Strikethrough";
            default -> Character.toUpperCase(type.charAt(0)) + type.substring(1);
        };
    }

    /** Inline code or a pre block; inside, only '`' and '\' are escaped. */
    private void code() throws ParseException {
        int sourceStart = i;
        boolean pre = source.startsWith("```", i);
        i += pre ? 3 : 1;
        String language = null;
        if (pre) {
            int newline = source.indexOf('\n', i);
            int fence = source.indexOf("```", i);
            if (newline >= 0 && (fence < 0 || newline < fence)) {
                language = source.substring(i, newline);
                i = newline + 1;
            }
        }
        int start = text.length();
        for (; i < source.length(); i++) {
            char c = source.charAt(i);
            if (c == '\\' && i + 1 < source.length()) {
                text.append(source.charAt(++i));
            } else if (c == '`') {
                if (pre && !source.startsWith("```", i)) {
                    throw reserved(c);
                }
                i += pre ? 2 : 0;
                entity(pre ? "pre" : "code", start, text.length(), language == null || language.isBlank() ? null
                        : WireJson.object().put("language", language));
                return;
            } else {
                text.append(c);
            }
        }
        throw new ParseException("Can't find end of " + (pre ? "Pre" : "Code") + " entity at byte offset "
                + byteOffset(sourceStart));
    }

    /** After a link's ']' comes '(url)'; inside the parentheses only ')' and '\' are escaped. */
    private void link(Open start) throws ParseException {
        if (i + 1 >= source.length() || source.charAt(i + 1) != '(') {
            return; // "[text]" without a URL is plain text
        }
        var url = new StringBuilder();
        for (i += 2; i < source.length() && source.charAt(i) != ')'; i++) {
            if (source.charAt(i) == '\\' && i + 1 < source.length()) {
                i++;
            }
            url.append(source.charAt(i));
        }
        if (i >= source.length()) {
            throw new ParseException("Can't find end of a URL at byte offset " + byteOffset(start.sourceOffset()));
        }
        entity("text_link", start.offset(), text.length(), WireJson.object().put("url", url.toString()));
    }

    private ParseException reserved(char c) {
        return new ParseException("Character '" + c + "' is reserved and must be escaped with the preceding '\\'");
    }

    // HTML --------------------------------------------------------------------------------------------------------

    private record Tag(String name, int offset, ObjectNode extra) {
    }

    private void html() throws ParseException {
        Deque<Tag> open = new ArrayDeque<>();
        for (i = 0; i < source.length(); i++) {
            char c = source.charAt(i);
            if (c == '&') {
                htmlEntity();
            } else if (c == '<' && i + 1 < source.length() && source.charAt(i + 1) == '/') {
                endTag(open);
            } else if (c == '<') {
                startTag(open);
            } else {
                text.append(c);
            }
        }
        if (!open.isEmpty()) {
            throw new ParseException("Can't find end tag corresponding to start tag \"" + open.peek().name() + "\"");
        }
    }

    private void startTag(Deque<Tag> open) throws ParseException {
        int tagStart = i;
        int end = source.indexOf('>', i);
        if (end < 0) {
            throw new ParseException("Unclosed start tag at byte offset " + byteOffset(tagStart));
        }
        String inside = source.substring(i + 1, end);
        String name = inside.split("[\\s/]", 2)[0].toLowerCase(Locale.ROOT);
        if (!HTML_TAGS.containsKey(name)) {
            throw new ParseException("Unsupported start tag \"" + name + "\" at byte offset " + byteOffset(tagStart));
        }
        ObjectNode extra = null;
        String href = attribute(inside, "href");
        String className = attribute(inside, "class");
        if (name.equals("span") && !"tg-spoiler".equals(className)) {
            throw new ParseException("Tag \"span\" must have class \"tg-spoiler\"");
        } else if (name.equals("a")) {
            extra = WireJson.object().put("url", href == null ? "" : href);
        } else if (name.equals("code") && className != null && className.startsWith("language-")) {
            extra = WireJson.object().put("language", className.substring("language-".length()));
        }
        open.push(new Tag(name, text.length(), extra));
        i = end;
    }

    private void endTag(Deque<Tag> open) throws ParseException {
        int tagStart = i;
        int end = source.indexOf('>', i);
        String name = end < 0 ? "" : source.substring(i + 2, end).trim().toLowerCase(Locale.ROOT);
        if (open.isEmpty()) {
            throw new ParseException("Unexpected end tag at byte offset " + byteOffset(tagStart));
        }
        Tag tag = open.pop();
        if (!tag.name().equals(name)) {
            throw new ParseException("Unmatched end tag at byte offset " + byteOffset(tagStart) + ", expected \"</"
                    + tag.name() + ">\", found \"</" + name + ">\"");
        }
        String type = HTML_TAGS.get(name);
        boolean codeInPre = name.equals("code") && !open.isEmpty() && open.peek().name().equals("pre");
        if (codeInPre && tag.extra() != null) {
            open.push(new Tag("pre", open.pop().offset(), tag.extra())); // <pre><code class="language-x">
        } else if (!codeInPre) {
            entity(type, tag.offset(), text.length(), tag.extra());
        }
        i = end;
    }

    private static String attribute(String tag, String name) {
        var matcher = java.util.regex.Pattern.compile("(?i)\\s" + name + "\\s*=\\s*(\"([^\"]*)\"|'([^']*)'|(\\S+))")
                .matcher(tag);
        if (!matcher.find()) {
            return null;
        }
        return matcher.group(2) != null ? matcher.group(2) : matcher.group(3) != null ? matcher.group(3)
                : matcher.group(4);
    }

    /** Only &lt; &gt; &amp; &quot; and numeric references are decoded; anything else stays as written. */
    private void htmlEntity() {
        int semicolon = source.indexOf(';', i);
        String name = semicolon < 0 || semicolon - i > 10 ? "" : source.substring(i + 1, semicolon);
        String decoded = switch (name) {
            case "lt" -> "<";
            case "gt" -> ">";
            case "amp" -> "&";
            case "quot" -> "\"";
            default -> name.matches("#[0-9]{1,7}") ? Character.toString(Integer.parseInt(name.substring(1)))
                    : name.matches("#[xX][0-9a-fA-F]{1,6}") ? Character.toString(Integer.parseInt(name.substring(2),
                    16)) : null;
        };
        if (decoded == null) {
            text.append('&');
        } else {
            text.append(decoded);
            i = semicolon;
        }
    }

    // Legacy Markdown ---------------------------------------------------------------------------------------------

    private void legacyMarkdown() throws ParseException {
        for (i = 0; i < source.length(); i++) {
            char c = source.charAt(i);
            if (c == '\\' && i + 1 < source.length() && "_*`[".indexOf(source.charAt(i + 1)) >= 0) {
                text.append(source.charAt(++i));
            } else if (c == '`' && source.startsWith("```", i)) {
                code();
            } else if ("_*`".indexOf(c) >= 0) {
                int end = source.indexOf(c, i + 1);
                if (end < 0) {
                    throw new ParseException("Can't find end of the entity starting at byte offset " + byteOffset(i));
                }
                int start = text.length();
                text.append(source, i + 1, end);
                entity(c == '*' ? "bold" : c == '_' ? "italic" : "code", start, text.length(), null);
                i = end;
            } else if (c == '[') {
                int close = source.indexOf("](", i);
                int end = close < 0 ? -1 : source.indexOf(')', close);
                if (end < 0) {
                    throw new ParseException("Can't find end of the entity starting at byte offset " + byteOffset(i));
                }
                int start = text.length();
                text.append(source, i + 1, close);
                entity("text_link", start, text.length(), WireJson.object().put("url", source.substring(close + 2,
                        end)));
                i = end;
            } else {
                text.append(c);
            }
        }
    }

    // Shared ------------------------------------------------------------------------------------------------------

    private void entity(String type, int start, int end, ObjectNode extra) {
        if (end <= start) {
            return; // Telegram drops empty entities
        }
        ObjectNode entity = WireJson.object().put("offset", start).put("length", end - start).put("type", type);
        if (extra != null) {
            entity.setAll(extra);
        }
        entities.add(entity);
    }

    private int byteOffset(int sourceIndex) {
        return source.substring(0, sourceIndex).getBytes(StandardCharsets.UTF_8).length;
    }

    private Parsed trimmed() {
        String full = text.toString();
        String stripped = full.strip();
        int lead = stripped.isEmpty() ? 0 : full.indexOf(stripped);
        List<ObjectNode> kept = new ArrayList<>();
        for (var node : entities) {
            ObjectNode entity = (ObjectNode) node;
            int start = Math.max(0, entity.get("offset").asInt() - lead);
            int end = Math.min(stripped.length(), entity.get("offset").asInt() + entity.get("length").asInt() - lead);
            if (end > start) {
                kept.add(entity.put("offset", start).put("length", end - start));
            }
        }
        return new Parsed(stripped, TelegramJson.byOffset(kept));
    }
}
