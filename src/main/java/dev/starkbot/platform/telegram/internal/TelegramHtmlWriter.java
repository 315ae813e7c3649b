package dev.starkbot.platform.telegram.internal;

import java.util.regex.Pattern;

import org.commonmark.ext.gfm.tables.TableBlock;
import org.commonmark.node.BlockQuote;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.LinkReferenceDefinition;
import org.commonmark.node.ListBlock;
import org.commonmark.node.Node;
import org.commonmark.node.Paragraph;
import org.commonmark.node.ThematicBreak;

import dev.starkbot.platform.internal.MarkdownLists;
import dev.starkbot.platform.internal.MonospaceTable;

/**
 * Markdown blocks as Telegram HTML. Telegram has no block markup but {@code <pre>} and {@code <blockquote>}, so
 * headings, lists and rules become lines of text, and blocks are parted by one blank line.
 */
final class TelegramHtmlWriter {

    private static final String RULE = "———";
    private static final String BULLET = "• ";
    /** Telegram accepts any language name; this keeps the attribute tame and drops info strings that are not one. */
    private static final Pattern LANGUAGE = Pattern.compile("[A-Za-z0-9_+#.-]{1,32}");

    /** Telegram refuses a blockquote inside a blockquote: inner quotes are shown as plain text of the outer one. */
    private int quoteDepth;

    private TelegramHtmlWriter() {
    }

    static String render(Node document) {
        return new TelegramHtmlWriter().blocks(document, "\n\n").strip();
    }

    private String blocks(Node parent, String separator) {
        var out = new StringBuilder();
        for (Node child = parent.getFirstChild(); child != null; child = child.getNext()) {
            String block = block(child);
            if (!block.isEmpty()) {
                out.append(out.isEmpty() ? "" : separator).append(block);
            }
        }
        return out.toString();
    }

    private String block(Node node) {
        return switch (node) {
            case Paragraph paragraph -> TelegramHtmlInlines.html(paragraph, false);
            case Heading heading -> heading(heading);
            case ThematicBreak _ -> RULE;
            case FencedCodeBlock code -> pre(code.getLiteral(), language(code.getInfo()));
            case IndentedCodeBlock code -> pre(code.getLiteral(), null);
            case HtmlBlock html -> TelegramHtml.text(withoutFinalNewline(html.getLiteral()).strip());
            case BlockQuote quote -> quote(quote);
            case ListBlock list -> list(list);
            case TableBlock table -> pre(MonospaceTable.layout(table, TelegramHtmlInlines::plain), null);
            case LinkReferenceDefinition _ -> "";
            default -> blocks(node, "\n\n");
        };
    }

    private static String heading(Heading heading) {
        String content = TelegramHtmlInlines.html(heading, true);
        return content.isEmpty() ? "" : "<b>" + content + "</b>";
    }

    private static String pre(String literal, String language) {
        String code = withoutFinalNewline(literal);
        if (code.isBlank()) {
            return "";
        }
        String escaped = TelegramHtml.text(code);
        return language == null ? "<pre>" + escaped + "</pre>"
                : "<pre><code class=\"language-" + language + "\">" + escaped + "</code></pre>";
    }

    private static String language(String info) {
        String first = info == null ? "" : info.strip().split("\\s+", 2)[0];
        return LANGUAGE.matcher(first).matches() ? first : null;
    }

    private String quote(BlockQuote quote) {
        quoteDepth++;
        String content;
        try {
            content = blocks(quote, "\n\n");
        } finally {
            quoteDepth--;
        }
        return quoteDepth > 0 || content.isEmpty() ? content : "<blockquote>" + content + "</blockquote>";
    }

    private String list(ListBlock list) {
        return MarkdownLists.render(list, BULLET, this::blocks, TelegramHtmlWriter::indented);
    }

    /**
     * Lines after the first move under the item's text, so nested lists read as nested. Code keeps its own
     * indentation: spaces added inside {@code <pre>} would change the code.
     */
    private static String indented(String content, int width) {
        String indent = " ".repeat(width);
        var out = new StringBuilder(content.length() + 16);
        boolean inPre = false;
        for (int i = 0; i < content.length(); i++) {
            char c = content.charAt(i);
            if (c == '<') {
                inPre = content.startsWith("<pre>", i) || content.startsWith("<pre ", i)
                        || inPre && !content.startsWith("</pre>", i);
            }
            out.append(c);
            if (c == '\n' && !inPre && i + 1 < content.length() && content.charAt(i + 1) != '\n') {
                out.append(indent);
            }
        }
        return out.toString();
    }

    private static String withoutFinalNewline(String literal) {
        return literal.endsWith("\n") ? literal.substring(0, literal.length() - 1) : literal;
    }
}
