package dev.starkbot.platform.internal;

import java.util.function.BiFunction;

import org.commonmark.node.ListBlock;
import org.commonmark.node.Node;
import org.commonmark.node.OrderedList;

/**
 * A Markdown list as lines of text for a platform without list markup of its own (or with its own dialect): each item
 * behind its marker (numbered from the list's start, or the platform's bullet), items separated as the list was
 * (tight lists by a line, loose ones by a blank line), and each item's further lines indented under its text by the
 * platform's own rule (which knows where code must keep its indentation).
 */
public final class MarkdownLists {

    private MarkdownLists() {
    }

    /**
     * @param blocks   an item's blocks in the platform's markup, joined by the given separator
     * @param indented an item's text with its lines after the first moved right by the given width
     */
    public static String render(ListBlock list, String bullet, BiFunction<Node, String, String> blocks,
                                BiFunction<String, Integer, String> indented) {
        String separator = list.isTight() ? "\n" : "\n\n";
        Integer start = list instanceof OrderedList ordered ? ordered.getMarkerStartNumber() : null;
        long number = start == null ? 1 : start;
        var out = new StringBuilder();
        for (Node item = list.getFirstChild(); item != null; item = item.getNext()) {
            String marker = list instanceof OrderedList ? number++ + ". " : bullet;
            String content = blocks.apply(item, separator);
            out.append(out.isEmpty() ? "" : separator);
            out.append(content.isEmpty() ? marker.strip() : marker + indented.apply(content, marker.length()));
        }
        return out.toString();
    }
}
