package dev.starkbot.platform.discord.internal;

import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.commonmark.ext.gfm.strikethrough.Strikethrough;
import org.commonmark.ext.gfm.tables.TableBlock;
import org.commonmark.node.BlockQuote;
import org.commonmark.node.Code;
import org.commonmark.node.Emphasis;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Image;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.Link;
import org.commonmark.node.LinkReferenceDefinition;
import org.commonmark.node.ListBlock;
import org.commonmark.node.Node;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.StrongEmphasis;
import org.commonmark.node.Text;
import org.commonmark.node.ThematicBreak;

import dev.starkbot.platform.internal.MarkdownLists;
import dev.starkbot.platform.internal.MonospaceTable;

/** Writes a parsed reply as Discord Markdown: blocks separated by blank lines, inlines escaped (see the format). */
final class DiscordMarkdownWriter {

    private static final String BULLET = "- ";
    private static final String RULE = "———";
    private static final Pattern LANGUAGE = Pattern.compile("[A-Za-z0-9_+#.-]{1,32}");

    private DiscordMarkdownWriter() {
    }

    static String render(Node document) {
        String out = blocks(document, "\n\n").strip();
        return out.replaceAll("[*_~`|>#\\\\-]", "").isBlank() ? "" : out;
    }

    private static String blocks(Node parent, String separator) {
        var out = new StringBuilder();
        for (Node child = parent.getFirstChild(); child != null; child = child.getNext()) {
            String block = block(child);
            if (!block.isEmpty()) {
                out.append(out.isEmpty() ? "" : separator).append(block);
            }
        }
        return out.toString();
    }

    private static String block(Node node) {
        return switch (node) {
            case Paragraph paragraph -> inlines(paragraph).strip();
            case Heading heading -> heading(heading);
            case ThematicBreak _ -> RULE;
            case FencedCodeBlock code -> fenced(code.getLiteral(), language(code.getInfo()));
            case IndentedCodeBlock code -> fenced(code.getLiteral(), "");
            case HtmlBlock html -> DiscordMarkdown.text(html.getLiteral().strip());
            case BlockQuote quote -> quote(quote);
            case ListBlock list -> list(list);
            case TableBlock table -> fenced(MonospaceTable.layout(table, DiscordMarkdownWriter::plain), "");
            case LinkReferenceDefinition _ -> "";
            default -> blocks(node, "\n\n");
        };
    }

    /** Discord shows three heading levels; smaller ones become bold lines. */
    private static String heading(Heading heading) {
        String content = inlines(heading).strip();
        if (content.isEmpty()) {
            return "";
        }
        return heading.getLevel() <= 3 ? "#".repeat(heading.getLevel()) + " " + content : "**" + content + "**";
    }

    /** A fenced block; a fence inside the code is broken by a zero-width space, as Discord knows no longer fences. */
    private static String fenced(String literal, String language) {
        String code = literal.endsWith("\n") ? literal.substring(0, literal.length() - 1) : literal;
        if (code.isBlank()) {
            return "";
        }
        return "```" + language + "\n" + code.replace("```", "`\u200b``") + "\n```";
    }

    private static String language(String info) {
        String first = info == null ? "" : info.strip().split("\\s+", 2)[0];
        return LANGUAGE.matcher(first).matches() ? first : "";
    }

    /** Discord has one level of quote: nested quotes are flattened into it. */
    private static String quote(BlockQuote quote) {
        String content = blocks(quote, "\n\n");
        if (content.isEmpty()) {
            return "";
        }
        return content.lines().map(line -> line.startsWith("> ") ? line : "> " + line)
                .collect(Collectors.joining("\n"));
    }

    private static String list(ListBlock list) {
        return MarkdownLists.render(list, BULLET, DiscordMarkdownWriter::blocks, DiscordMarkdownWriter::indented);
    }

    /** Lines after the first move under the item's text, so nested lists nest; code lines keep their own indent. */
    private static String indented(String content, int width) {
        String indent = " ".repeat(width);
        var out = new StringBuilder(content.length() + 16);
        boolean inCode = false;
        boolean first = true;
        for (String line : content.split("\n", -1)) {
            if (!first) {
                out.append('\n').append(inCode || line.isEmpty() ? "" : indent);
            }
            out.append(line);
            if (line.startsWith("```")) {
                inCode = !inCode;
            }
            first = false;
        }
        return out.toString();
    }

    private static String inlines(Node parent) {
        var out = new StringBuilder();
        for (Node child = parent.getFirstChild(); child != null; child = child.getNext()) {
            inline(child, out);
        }
        return out.toString();
    }

    private static void inline(Node node, StringBuilder out) {
        switch (node) {
            case Text text -> out.append(DiscordMarkdown.text(text.getLiteral()));
            case Code code -> code(code.getLiteral(), out);
            case Emphasis emphasis -> wrapped("*", emphasis, out);
            case StrongEmphasis strong -> wrapped("**", strong, out);
            case Strikethrough strike -> wrapped("~~", strike, out);
            case Link link -> link(link, link.getDestination(), out);
            case Image image -> link(image, image.getDestination(), out);
            case SoftLineBreak _, HardLineBreak _ -> out.append('\n');
            case HtmlInline html -> out.append(DiscordMarkdown.text(html.getLiteral()));
            default -> out.append(inlines(node));
        }
    }

    private static void wrapped(String marker, Node node, StringBuilder out) {
        String content = inlines(node);
        if (!content.isBlank()) {
            out.append(marker).append(content).append(marker);
        }
    }

    /** Inline code; a span holding backticks is fenced by two, which Discord also reads. */
    private static void code(String literal, StringBuilder out) {
        if (literal.isEmpty()) {
            return;
        }
        if (!literal.contains("`")) {
            out.append('`').append(literal).append('`');
        } else if (!literal.contains("``")) {
            out.append("`` ").append(literal).append(" ``");
        } else {
            out.append(DiscordMarkdown.text(literal));
        }
    }

    /**
     * A masked link for web addresses, its address in angle brackets so that Discord shows no preview card for each
     * link of a reply; any other scheme is shown as text, never made clickable. A link whose text is itself another
     * address is written as text and address side by side: a masked link must not show one address and open another.
     */
    private static void link(Node node, String destination, StringBuilder out) {
        String text = inlines(node);
        boolean web = DiscordMarkdown.WEB.matcher(destination).matches();
        if (!web) {
            out.append(text.isBlank() ? DiscordMarkdown.text(destination) : text);
            return;
        }
        String shown = plain(node);
        if (text.isBlank() || shown.equals(destination)) {
            out.append('<').append(destination).append('>');
        } else if (DiscordMarkdown.WEB.matcher(shown).find()) {
            out.append(text).append(" (<").append(destination).append(">)");
        } else {
            out.append('[').append(text).append("](<").append(destination).append(">)");
        }
    }

    /** A node's text without markup: what a table cell shows in the monospace layout. */
    static String plain(Node node) {
        var out = new StringBuilder();
        for (Node child = node.getFirstChild(); child != null; child = child.getNext()) {
            switch (child) {
                case Text text -> out.append(text.getLiteral());
                case Code code -> out.append(code.getLiteral());
                case SoftLineBreak _, HardLineBreak _ -> out.append(' ');
                case HtmlInline html -> out.append(html.getLiteral());
                default -> out.append(plain(child));
            }
        }
        return out.toString();
    }
}
