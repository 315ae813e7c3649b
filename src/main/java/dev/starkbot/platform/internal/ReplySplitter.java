package dev.starkbot.platform.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntConsumer;
import java.util.function.IntFunction;
import java.util.function.UnaryOperator;

import org.commonmark.ext.gfm.tables.TableBlock;
import org.commonmark.node.BlockQuote;
import org.commonmark.node.BulletList;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.ListBlock;
import org.commonmark.node.Node;
import org.commonmark.node.OrderedList;
import org.commonmark.node.Paragraph;

import dev.starkbot.platform.spi.MessageFormat;

/**
 * Cuts a reply too long for one message into messages that each fit, in order, together carrying all of it. The cut
 * is made in the Markdown and each piece is rendered on its own, so every message is whole, balanced markup. Cuts fall
 * between blocks where they can, else between lines, sentences or words, and only as a last resort inside a word
 * (never inside a character). A code block that must be cut is closed at the end of one message and opened again,
 * with the same fence and language, at the start of the next; a quote cut likewise stays a quote, and a table cut
 * between rows shows its header again.
 *
 * <p>Lengths are measured on the rendered text, as the platform counts them: rendering can grow a reply (bullets,
 * table padding) or shrink it (link targets, entities). Candidate pieces are rendered on their own, never the whole
 * rest of the reply, and the first candidate is guessed from the rendered length per character seen so far, so a
 * message usually costs two or three renders of about its own size: a 100,000-character reply splits in tens of
 * milliseconds.
 */
public final class ReplySplitter {

    /** A limit must hold a list marker, a quote and a character or two; anything shorter is a caller's mistake. */
    private static final int MIN_LENGTH = 16;

    /** For {@code plainFrom}: no piece starts mid-paragraph. */
    private static final int ALL = Integer.MAX_VALUE;
    private static final double MIN_DENSITY = 0.05;
    private static final double MAX_DENSITY = 20;

    private final MessageFormat format;
    private final int maxLength;
    /** Link reference definitions, added to every piece so that {@code [text][ref]} resolves in each message. */
    private final String definitions;
    private final List<String> chunks = new ArrayList<>();
    /** Rendered length per source character in the pieces rendered so far: what guesses a piece's size. */
    private double density = 1;

    private ReplySplitter(MessageFormat format, int maxLength, String definitions) {
        this.format = format;
        this.maxLength = maxLength;
        this.definitions = definitions;
    }

    /** The reply as messages of at most {@code format.maxLength()}; empty for a reply that shows nothing. */
    public static List<String> split(String markdown, MessageFormat format) {
        return split(markdown, format, format.maxLength());
    }

    /**
     * The reply as messages of at most {@code maxLength} (and never more than {@code format.maxLength()}), as a
     * streaming preview wants when it keeps room for a cursor or a "continued" mark.
     */
    public static List<String> split(String markdown, MessageFormat format, int maxLength) {
        if (maxLength < MIN_LENGTH) {
            throw new IllegalArgumentException("maxLength must be at least " + MIN_LENGTH + ", was " + maxLength);
        }
        int limit = Math.min(maxLength, format.maxLength());
        String whole = format.render(markdown);
        if (format.length(whole) <= limit) {
            return shows(whole, format) ? List.of(whole) : List.of();
        }
        Node document = Markdown.parse(markdown);
        var splitter = new ReplySplitter(format, limit, MarkdownSource.definitions(document, markdown));
        splitter.container(document, markdown, UnaryOperator.identity());
        return List.copyOf(splitter.chunks);
    }

    private static boolean shows(String rendered, MessageFormat format) {
        return !rendered.isBlank() && format.length(rendered) > 0;
    }

    // Blocks -------------------------------------------------------------------------------------------------------

    private void container(Node parent, String markdown, UnaryOperator<String> wrap) {
        List<Node> blocks = MarkdownSource.children(parent);
        List<MarkdownSource.Unit> units = MarkdownSource.blocks(blocks, markdown);
        pack(units, wrap, Opening.AS_WRITTEN, k -> block(blocks.get(k), units.get(k).text(), markdown, wrap));
    }

    /** One block too long for a message on its own. */
    private void block(Node block, String source, String markdown, UnaryOperator<String> wrap) {
        switch (block) {
            case FencedCodeBlock _, IndentedCodeBlock _ -> code(MarkdownSource.Fence.of(block, source), wrap);
            case ListBlock list -> list(list, markdown, wrap);
            case BlockQuote quote -> container(quote, markdown, inside(wrap, MarkdownSource::quoted));
            case TableBlock _ -> table(source, wrap);
            // A paragraph cannot start with a block marker, so one at the start of its first piece is an accident
            // of the cut ("****" of "****deep"); a heading's "# " is its own.
            case Paragraph _ -> text(source, wrap, 0, 0);
            default -> text(source, wrap, 1, 0);
        }
    }

    /**
     * Between items; an item too long on its own is cut between its blocks. Only the item's first message shows its
     * marker: a bullet (or the same number) again would read as another item.
     */
    private void list(ListBlock list, String markdown, UnaryOperator<String> wrap) {
        List<Node> items = MarkdownSource.children(list);
        List<MarkdownSource.Unit> units = MarkdownSource.blocks(items, markdown);
        Opening renumbered = list instanceof OrderedList ? (k, item) -> MarkdownSource.renumbered(item,
                marker(list, k)) : Opening.AS_WRITTEN;
        pack(units, wrap, renumbered, k -> {
            String marker = marker(list, k);
            int sent = chunks.size();
            container(items.get(k), markdown, inside(wrap, piece -> chunks.size() == sent
                    ? MarkdownSource.item(marker, piece) : piece));
        });
    }

    private static String marker(ListBlock list, int index) {
        if (list instanceof OrderedList ordered) {
            Integer start = ordered.getMarkerStartNumber();
            String delimiter = ordered.getMarkerDelimiter();
            return ((start == null ? 1L : start) + index) + (delimiter == null ? "." : delimiter);
        }
        String bullet = list instanceof BulletList bullets ? bullets.getMarker() : null;
        return bullet == null ? "-" : bullet;
    }

    /** Between lines of code, each piece fenced again; a line too long on its own is cut inside. */
    private void code(MarkdownSource.Fence fence, UnaryOperator<String> wrap) {
        List<MarkdownSource.Unit> lines = MarkdownSource.lines(fence.code());
        UnaryOperator<String> fenced = inside(wrap, fence::around);
        pack(lines, fenced, Opening.AS_WRITTEN, k -> hardCut(lines.get(k).text(), fenced, ALL));
    }

    /** Between rows, each piece under the header again; a row too long even alone loses the header. */
    private void table(String source, UnaryOperator<String> wrap) {
        List<MarkdownSource.Unit> lines = MarkdownSource.lines(source);
        if (lines.size() < 3) {
            text(source, wrap, 1, 0);
            return;
        }
        String header = lines.get(0).text() + "\n" + lines.get(1).text() + "\n";
        List<MarkdownSource.Unit> rows = lines.subList(2, lines.size());
        pack(rows, inside(wrap, piece -> header + piece), Opening.AS_WRITTEN,
                k -> text(rows.get(k).text(), wrap, 0, 0));
    }

    // Text ---------------------------------------------------------------------------------------------------------

    /**
     * Between lines, then sentences, then words, then anywhere a cut is safe. Pieces from index {@code plainFrom}
     * on start mid-paragraph, so what would read as a block marker there ({@code - }, {@code 2. }) is escaped.
     */
    private void text(String text, UnaryOperator<String> wrap, int plainFrom, int level) {
        if (level > MarkdownSource.WORDS) {
            hardCut(text, wrap, plainFrom);
            return;
        }
        List<MarkdownSource.Unit> units = MarkdownSource.pieces(text, level, definitions);
        if (units.size() <= 1) {
            text(text, wrap, plainFrom, level + 1);
        } else {
            pack(units, wrap, Opening.plainFrom(plainFrom),
                    k -> text(units.get(k).text(), wrap, k < plainFrom ? plainFrom : 0, level + 1));
        }
    }

    private void hardCut(String text, UnaryOperator<String> wrap, int plainFrom) {
        int[] cuts = MarkdownSource.safeCuts(text);
        int next = 0;
        while (next < cuts.length) {
            int first = next;
            int start = first == 0 ? 0 : cuts[first - 1];
            int budget = (int) Math.min(Integer.MAX_VALUE, start + (long) (maxLength / density));
            int guess = Math.abs(Arrays.binarySearch(cuts, first, cuts.length, budget) + 1) - first;
            Fit fit = largest(cuts.length - first, guess, count -> fit(piece(text.substring(start,
                    cuts[first + count - 1]), first >= plainFrom), wrap));
            if (fit == null) {
                // Not even one character fits with its markup around it (a tight limit and deep nesting): the
                // rest of this word goes as plain text rather than one message a character.
                escaped(text.substring(start));
                return;
            }
            emit(fit.rendered());
            next += fit.count();
        }
    }

    /** The last resort: plain text, in as few messages as fit. */
    private void escaped(String text) {
        var part = new StringBuilder();
        int length = 0;
        for (int i = 0; i < text.length(); i += Character.charCount(text.codePointAt(i))) {
            String character = Character.toString(text.codePointAt(i));
            int weight = format.length(format.escape(character));
            if (length + weight > maxLength) {
                emit(format.escape(part.toString()));
                part.setLength(0);
                length = 0;
            }
            part.append(character);
            length += weight;
        }
        emit(format.escape(part.toString()));
    }

    // Packing ------------------------------------------------------------------------------------------------------

    /** How a run of units starting at {@code index} begins: cut mid-paragraph, mid-list. */
    private interface Opening {

        Opening AS_WRITTEN = (index, first) -> first;

        String of(int index, String first);

        /** Runs from {@code plainFrom} on start mid-paragraph, where a block marker must be escaped. */
        static Opening plainFrom(int plainFrom) {
            return (index, first) -> index >= plainFrom ? MarkdownSource.plain(first) : first;
        }
    }

    /**
     * Packs runs of units into messages, as many as fit in each; a unit too long on its own goes to {@code finer}.
     * Each run's first unit is given as {@code opening} says.
     */
    private void pack(List<MarkdownSource.Unit> units, UnaryOperator<String> wrap, Opening opening,
            IntConsumer finer) {
        int start = 0;
        while (start < units.size()) {
            int from = start;
            String first = opening.of(from, units.get(from).text());
            Fit fit = largest(units.size() - from, guess(units, from), count -> fit(MarkdownSource.join(first, units,
                    from + 1, from + count), wrap));
            if (fit == null) {
                finer.accept(from);
                start++;
            } else {
                emit(fit.rendered());
                start += fit.count();
            }
        }
    }

    /** How many units, from {@code start}, the density seen so far says will fit. */
    private int guess(List<MarkdownSource.Unit> units, int start) {
        double budget = maxLength / density;
        int count = 0;
        for (int i = start; i < units.size() && budget >= 0; i++, count++) {
            budget -= (count == 0 ? 0 : units.get(i).separator().length()) + units.get(i).text().length();
        }
        return Math.max(1, budget >= 0 ? count : count - 1);
    }

    private static String piece(String markdown, boolean plain) {
        return plain ? MarkdownSource.plain(markdown) : markdown;
    }

    /** The rendered piece if it fits in a message, else null. */
    private String fit(String piece, UnaryOperator<String> wrap) {
        String rendered = format.render(wrap.apply(piece) + definitions);
        int length = format.length(rendered);
        if (!piece.isEmpty()) {
            density = Math.clamp((double) length / piece.length(), MIN_DENSITY, MAX_DENSITY);
        }
        return length <= maxLength ? rendered : null;
    }

    private void emit(String rendered) {
        if (shows(rendered, format)) {
            chunks.add(rendered);
        }
    }

    private record Fit(int count, String rendered) {
    }

    /**
     * The most leading parts, of {@code available}, that fit one message, or null when not even one does. Tries the
     * guess, then steps away from it by doubling steps and halves the last step: a good guess costs two renders.
     * Assumes that a run which does not fit does not fit with more parts either.
     */
    private static Fit largest(int available, int guess, IntFunction<String> fit) {
        int count = Math.clamp(guess, 1, available);
        String rendered = fit.apply(count);
        Fit best = rendered == null ? null : new Fit(count, rendered);
        int tooMany = rendered == null ? count : available + 1;
        for (int step = 1; best != null && best.count() < available && tooMany > available; step *= 2) {
            count = Math.min(best.count() + step, available);
            rendered = fit.apply(count);
            if (rendered == null) {
                tooMany = count;
            } else {
                best = new Fit(count, rendered);
            }
        }
        for (int step = 1; best == null && tooMany > 1; step *= 2) {
            count = Math.max(1, tooMany - step);
            rendered = fit.apply(count);
            if (rendered == null) {
                tooMany = count;
            } else {
                best = new Fit(count, rendered);
            }
        }
        while (best != null && tooMany - best.count() > 1) {
            count = (best.count() + tooMany) >>> 1;
            rendered = fit.apply(count);
            if (rendered == null) {
                tooMany = count;
            } else {
                best = new Fit(count, rendered);
            }
        }
        return best;
    }

    private static UnaryOperator<String> inside(UnaryOperator<String> outer, UnaryOperator<String> inner) {
        return piece -> outer.apply(inner.apply(piece));
    }
}
