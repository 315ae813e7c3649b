package dev.starkbot.platform.internal;

import java.util.List;

import org.commonmark.ext.gfm.strikethrough.StrikethroughExtension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.Node;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;

/**
 * The one Markdown dialect replies are read in: CommonMark with GFM tables and {@code ~~strikethrough~~}. Platform
 * formats render with it and {@link ReplySplitter} cuts with it, so both see the same blocks.
 */
public final class Markdown {

    /**
     * Deeper nesting than this is parsed as plain text. Model output is untrusted, and the renderers recurse: ten
     * thousand {@code >} would otherwise overflow the stack.
     */
    private static final int MAX_NESTING = 32;

    // Immutable and safe to share between threads (commonmark's documented contract for Parser).
    private static final Parser PARSER = parser(IncludeSourceSpans.BLOCKS);
    private static final Parser WITH_INLINE_SPANS = parser(IncludeSourceSpans.BLOCKS_AND_INLINES);

    private Markdown() {
    }

    /** The document tree, with each block's source lines (its {@code SourceSpan}s) recorded. */
    public static Node parse(String markdown) {
        return PARSER.parse(markdown);
    }

    /** Like {@link #parse}, with where each inline node (a link, a code span) stands recorded too. */
    static Node parseWithInlineSpans(String markdown) {
        return WITH_INLINE_SPANS.parse(markdown);
    }

    // A single '~' stays text: models write "~5 minutes" far more often than they mean strikethrough.
    private static Parser parser(IncludeSourceSpans spans) {
        return Parser.builder()
                .extensions(List.of(StrikethroughExtension.builder().requireTwoTildes(true).build(),
                        TablesExtension.create()))
                .includeSourceSpans(spans)
                .maxOpenBlockParsers(MAX_NESTING)
                .maxInlineNesting(MAX_NESTING)
                .build();
    }
}
