package dev.starkbot.platform.telegram.internal;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

import org.commonmark.ext.gfm.strikethrough.Strikethrough;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Code;
import org.commonmark.node.CustomNode;
import org.commonmark.node.Emphasis;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.StrongEmphasis;
import org.commonmark.node.Text;

/**
 * The inline content of one block: as Telegram HTML, or as plain text for places that take no markup (table cells,
 * which sit in a {@code <pre>}, and an image's alt text). Raw HTML the model wrote is shown as text, never passed on.
 */
final class TelegramHtmlInlines extends AbstractVisitor {

    private final StringBuilder out = new StringBuilder();
    private final boolean plain;
    /**
     * Tags open around the current node. A tag already open is not opened again ({@code <b>} in a heading adds
     * nothing), and Telegram lets neither a link nor code contain the other, so code inside a link is plain text.
     */
    private final Set<String> open = new HashSet<>();

    private TelegramHtmlInlines(boolean plain) {
        this.plain = plain;
    }

    /** The inline children of {@code block} as Telegram HTML; {@code inBold} when the caller wraps them in b. */
    static String html(Node block, boolean inBold) {
        var inlines = new TelegramHtmlInlines(false);
        if (inBold) {
            inlines.open.add("b");
        }
        block.accept(inlines);
        return inlines.out.toString();
    }

    /** The inline children of {@code node} as plain, unescaped text. */
    static String plain(Node node) {
        var inlines = new TelegramHtmlInlines(true);
        inlines.visitChildren(node);
        return inlines.out.toString();
    }

    @Override
    public void visit(Text text) {
        append(text.getLiteral());
    }

    @Override
    public void visit(Code code) {
        tagged("code", () -> append(code.getLiteral()), open.contains("a"));
    }

    @Override
    public void visit(Emphasis emphasis) {
        tagged("i", () -> visitChildren(emphasis), false);
    }

    @Override
    public void visit(StrongEmphasis strong) {
        tagged("b", () -> visitChildren(strong), false);
    }

    @Override
    public void visit(CustomNode node) {
        if (node instanceof Strikethrough) {
            tagged("s", () -> visitChildren(node), false);
        } else {
            visitChildren(node);
        }
    }

    @Override
    public void visit(Link link) {
        String url = link.getDestination();
        if (plain || open.contains("a") || !allowed(url)) {
            int before = out.length();
            visitChildren(link);
            if (out.length() == before) {
                append(url);
            }
            return;
        }
        open.add("a");
        out.append("<a href=\"").append(TelegramHtml.attribute(url)).append("\">");
        int content = out.length();
        visitChildren(link);
        if (out.length() == content) {
            append(url);
        }
        out.append("</a>");
        open.remove("a");
    }

    /** Telegram shows no inline images; the image becomes a link to it, named by its alt text. */
    @Override
    public void visit(Image image) {
        String alt = plain(image).strip();
        String label = alt.isEmpty() ? "image" : alt;
        String url = image.getDestination();
        if (plain || open.contains("a") || !allowed(url)) {
            append(label);
        } else {
            out.append("<a href=\"").append(TelegramHtml.attribute(url)).append("\">")
                    .append(TelegramHtml.text(label)).append("</a>");
        }
    }

    @Override
    public void visit(HtmlInline html) {
        append(html.getLiteral());
    }

    @Override
    public void visit(SoftLineBreak lineBreak) {
        // Models break lines to be seen as broken (addresses, verse), not to wrap source text as a person would.
        out.append(plain ? " " : "\n");
    }

    @Override
    public void visit(HardLineBreak lineBreak) {
        out.append(plain ? " " : "\n");
    }

    private void append(String literal) {
        out.append(plain ? literal : TelegramHtml.text(literal));
    }

    private void tagged(String tag, Runnable content, boolean asText) {
        if (plain || asText || !open.add(tag)) {
            content.run();
            return;
        }
        int start = out.length();
        out.append('<').append(tag).append('>');
        content.run();
        if (out.length() == start + tag.length() + 2) {
            out.setLength(start); // nothing inside: Telegram would drop the empty entity anyway
        } else {
            out.append("</").append(tag).append('>');
        }
        open.remove(tag);
    }

    /**
     * Only schemes a chat client opens safely: web links, Telegram's own and e-mail. Anything else
     * ({@code javascript:}, {@code data:}, {@code file:}, relative paths) stays the link's text.
     */
    static boolean allowed(String url) {
        if (url.isEmpty() || url.chars().anyMatch(c -> c <= ' ' || c == 0x7F)) {
            return false;
        }
        int colon = url.indexOf(':');
        String scheme = colon <= 0 ? "" : url.substring(0, colon).toLowerCase(Locale.ROOT);
        String rest = url.substring(colon + 1);
        return switch (scheme) {
            case "http", "https" -> rest.startsWith("//") && rest.length() > 2;
            case "tg", "mailto" -> !rest.isEmpty();
            default -> false;
        };
    }
}
