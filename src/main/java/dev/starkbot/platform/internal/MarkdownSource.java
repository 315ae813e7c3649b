package dev.starkbot.platform.internal;

import java.text.BreakIterator;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.commonmark.node.Code;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.Image;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.Link;
import org.commonmark.node.LinkReferenceDefinition;
import org.commonmark.node.Node;
import org.commonmark.node.SourceSpan;

/**
 * The Markdown text of parsed blocks, and the places it may be cut, for {@link ReplySplitter}. A block nested in a
 * quote or list item is given without the container's {@code > } or indentation (its source spans start after
 * them), so it can be cut as if it stood alone and the container put back around each piece.
 */
final class MarkdownSource {

    static final int LINES = 0;
    static final int SENTENCES = 1;
    static final int WORDS = 2;

    /**
     * What opens a block at the start of a line, where a piece cut from the middle of a paragraph may now begin: an
     * ATX heading, a list item, a quote, a thematic break, a code fence, a setext underline, a link definition.
     */
    private static final Pattern BLOCK_START = Pattern.compile("(?:#{1,6}|[-+*]|[0-9]{1,9}[.)])(?:[ \\t]|$)|>"
            + "|([-*_])(?:[ \\t]*\\1){2,}[ \\t]*$|`{3,}|~{3,}|=+[ \\t]*$|\\[[^\\]]*]:");
    private static final Pattern ORDERED_MARKER = Pattern.compile("( {0,3})([0-9]{1,9}[.)])");
    private static final Pattern ENTITY =
            Pattern.compile("&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});");

    /** A piece of Markdown and what joined it to the piece before in the reply (blank lines, a newline, nothing). */
    record Unit(String separator, String text) {
    }

    /** A code block's fence, to close a piece of it and open the next one alike. */
    record Fence(String open, String close, String code) {

        static Fence of(Node block, String source) {
            if (block instanceof FencedCodeBlock fenced) {
                String open = source.lines().findFirst().orElse("```").strip();
                int length = 0;
                while (length < open.length() && open.charAt(length) == open.charAt(0)) {
                    length++;
                }
                return new Fence(open, open.substring(0, length), withoutFinalNewline(fenced.getLiteral()));
            }
            String literal = ((IndentedCodeBlock) block).getLiteral();
            String fence = "`".repeat(Math.max(3, longestRun(literal, '`') + 1));
            return new Fence(fence, fence, withoutFinalNewline(literal));
        }

        String around(String code) {
            return open + "\n" + code + "\n" + close;
        }
    }

    private MarkdownSource() {
    }

    static List<Node> children(Node parent) {
        List<Node> children = new ArrayList<>();
        for (Node child = parent.getFirstChild(); child != null; child = child.getNext()) {
            children.add(child);
        }
        return children;
    }

    /** Each block's source, separated as in the reply: the blank lines between blocks decide a list's looseness. */
    static List<Unit> blocks(List<Node> blocks, String markdown) {
        List<Unit> units = new ArrayList<>(blocks.size());
        int lastLine = -1;
        for (Node block : blocks) {
            List<SourceSpan> spans = block.getSourceSpans();
            int firstLine = spans.isEmpty() ? lastLine + 1 : spans.getFirst().getLineIndex();
            String separator = units.isEmpty() ? "" : "\n".repeat(Math.max(1, firstLine - lastLine));
            units.add(new Unit(separator, source(spans, markdown)));
            lastLine = spans.isEmpty() ? lastLine : spans.getLast().getLineIndex();
        }
        return units;
    }

    /** A block's lines; lines its spans skip (blank ones) come back empty. */
    private static String source(List<SourceSpan> spans, String markdown) {
        var source = new StringBuilder();
        int line = -1;
        for (SourceSpan span : spans) {
            if (line >= 0) {
                source.append("\n".repeat(Math.max(1, span.getLineIndex() - line)));
            }
            source.append(markdown, span.getInputIndex(), span.getInputIndex() + span.getLength());
            line = span.getLineIndex();
        }
        return source.toString();
    }

    /** Every link reference definition, to be repeated after each piece (they render as nothing). */
    static String definitions(Node document, String markdown) {
        var definitions = new StringBuilder();
        Deque<Node> pending = new ArrayDeque<>(List.of(document));
        while (!pending.isEmpty()) {
            Node node = pending.pop();
            if (node instanceof LinkReferenceDefinition) {
                definitions.append("\n\n").append(source(node.getSourceSpans(), markdown));
            }
            children(node).reversed().forEach(pending::push);
        }
        return definitions.toString();
    }

    /** The lines of code or of a table, which hold no inline markup to keep whole. */
    static List<Unit> lines(String text) {
        List<Unit> lines = new ArrayList<>();
        for (String line : text.split("\n", -1)) {
            lines.add(new Unit(lines.isEmpty() ? "" : "\n", line));
        }
        return lines;
    }

    /**
     * Lines, sentences (each with the space after it) or words (likewise) of {@code text}, never parted inside a
     * link, an image or a code span, which would show their raw Markdown: a sentence ends at the "?" of a URL.
     */
    static List<Unit> pieces(String text, int level, String definitions) {
        boolean[] atomic = atomic(text, definitions);
        List<Unit> pieces = new ArrayList<>();
        String separator = level == LINES ? "\n" : "";
        int start = 0;
        for (int end : boundaries(text, level)) {
            if (end == text.length() || !atomic[end]) {
                pieces.add(new Unit(pieces.isEmpty() ? "" : separator, hardBreak(text.substring(start, end),
                        level == LINES && end < text.length())));
                start = end + separator.length();
            }
        }
        return pieces;
    }

    /**
     * A line's trailing backslash, a hard line break, as two trailing spaces, the other way to write one: a message
     * that ends with the line would show the backslash, but drops the spaces.
     */
    private static String hardBreak(String line, boolean beforeAnother) {
        int backslashes = 0;
        while (backslashes < line.length() && line.charAt(line.length() - 1 - backslashes) == '\\') {
            backslashes++;
        }
        return beforeAnother && backslashes % 2 == 1 ? line.substring(0, line.length() - 1) + "  " : line;
    }

    /** Where lines (at their newline), sentences or words end, ascending, the last being the text's length. */
    private static List<Integer> boundaries(String text, int level) {
        List<Integer> ends = new ArrayList<>();
        if (level == SENTENCES) {
            BreakIterator sentences = BreakIterator.getSentenceInstance(Locale.ROOT);
            sentences.setText(text);
            for (int end = sentences.next(); end != BreakIterator.DONE; end = sentences.next()) {
                ends.add(end);
            }
            return ends;
        }
        for (int i = 1; i < text.length(); i++) {
            boolean end = level == LINES ? text.charAt(i) == '\n'
                    : Character.isWhitespace(text.charAt(i - 1)) && !Character.isWhitespace(text.charAt(i));
            if (end) {
                ends.add(i);
            }
        }
        ends.add(text.length());
        return ends;
    }

    /** Offsets strictly inside a link, an image or a code span of {@code text}. */
    private static boolean[] atomic(String text, String definitions) {
        boolean[] atomic = new boolean[text.length() + 1];
        Deque<Node> pending = new ArrayDeque<>(List.of(Markdown.parseWithInlineSpans(text + definitions)));
        while (!pending.isEmpty()) {
            Node node = pending.pop();
            List<SourceSpan> spans = node.getSourceSpans();
            if ((node instanceof Link || node instanceof Image || node instanceof Code) && !spans.isEmpty()) {
                int end = Math.min(text.length(), spans.getLast().getInputIndex() + spans.getLast().getLength());
                for (int i = spans.getFirst().getInputIndex() + 1; i < end; i++) {
                    atomic[i] = true;
                }
            } else {
                children(node).forEach(pending::push);
            }
        }
        return atomic;
    }

    /** {@code first}, then units {@code from} to {@code to} (exclusive), each after its separator. */
    static String join(String first, List<Unit> units, int from, int to) {
        var joined = new StringBuilder(first);
        for (int i = from; i < to; i++) {
            joined.append(units.get(i).separator()).append(units.get(i).text());
        }
        return joined.toString();
    }

    /**
     * An ordered list's item with the number it has in the whole list: CommonMark numbers items from the first
     * one's number, so a list written "1. 1. 1." would start again at 1 in the next message. A longer number moves
     * the item's other lines along, so that they stay inside it.
     */
    static String renumbered(String item, String marker) {
        Matcher number = ORDERED_MARKER.matcher(item);
        if (!number.lookingAt() || number.group(2).equals(marker)) {
            return item;
        }
        String renumbered = number.group(1) + marker + item.substring(number.end());
        int wider = marker.length() - number.group(2).length();
        return wider <= 0 ? renumbered : renumbered.replace("\n", "\n" + " ".repeat(wider));
    }

    /**
     * A piece cut from the middle of a paragraph, escaped where its start would now open a block: "2. " there was
     * a number in a sentence, not the start of a list.
     */
    static String plain(String piece) {
        String text = piece.stripLeading();
        int end = text.indexOf('\n');
        if (!BLOCK_START.matcher(end < 0 ? text : text.substring(0, end)).lookingAt()) {
            return text;
        }
        int at = 0;
        while (at < text.length() && text.charAt(at) >= '0' && text.charAt(at) <= '9') {
            at++;
        }
        return text.substring(0, at) + "\\" + text.substring(at);
    }

    static String quoted(String piece) {
        return prefixed(piece, "> ", "> ", ">");
    }

    /** A piece of a list item's content under the item's marker, as if it were the item's first block. */
    static String item(String marker, String piece) {
        return prefixed(piece, marker + " ", " ".repeat(marker.length() + 1), "");
    }

    private static String prefixed(String piece, String first, String prefix, String emptyLine) {
        var out = new StringBuilder(piece.length() + 16);
        for (String line : piece.split("\n", -1)) {
            out.append(out.isEmpty() ? first : "\n" + (line.isEmpty() ? emptyLine : prefix)).append(line);
        }
        return out.toString();
    }

    /**
     * The offsets {@code text} may be cut at, ascending and ending with its length: between grapheme clusters (so
     * never inside a surrogate pair, an emoji sequence or a letter and its accents), and not inside an entity like
     * {@code &amp;} or after a backslash, where the cut would change what either side shows.
     */
    static int[] safeCuts(String text) {
        boolean[] unsafe = new boolean[text.length() + 1];
        Matcher entities = ENTITY.matcher(text);
        while (entities.find()) {
            for (int i = entities.start() + 1; i < entities.end(); i++) {
                unsafe[i] = true;
            }
        }
        for (int i = 0, run = 0; i < text.length(); i++) {
            run = text.charAt(i) == '\\' ? run + 1 : 0;
            unsafe[i + 1] |= run % 2 == 1;
        }
        BreakIterator characters = BreakIterator.getCharacterInstance(Locale.ROOT);
        characters.setText(text);
        List<Integer> cuts = new ArrayList<>();
        for (int cut = characters.next(); cut != BreakIterator.DONE; cut = characters.next()) {
            if (!unsafe[cut] || cut == text.length()) {
                cuts.add(cut);
            }
        }
        return cuts.stream().mapToInt(Integer::intValue).toArray();
    }

    private static int longestRun(String text, char c) {
        int longest = 0;
        for (int i = 0, run = 0; i < text.length(); i++) {
            run = text.charAt(i) == c ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        return longest;
    }

    private static String withoutFinalNewline(String literal) {
        return literal.endsWith("\n") ? literal.substring(0, literal.length() - 1) : literal;
    }
}
