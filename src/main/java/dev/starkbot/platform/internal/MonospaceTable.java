package dev.starkbot.platform.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.commonmark.ext.gfm.tables.TableBlock;
import org.commonmark.ext.gfm.tables.TableCell;
import org.commonmark.ext.gfm.tables.TableHead;
import org.commonmark.node.Node;

/**
 * A GFM table as lines of text with aligned columns, for a code block: Telegram and Discord have no table markup,
 * and only a monospace font keeps columns straight. Widths count terminal columns, so CJK and emoji (two columns each)
 * line up as well as the client's font allows.
 */
public final class MonospaceTable {

    private record Row(List<String> cells, boolean header) {
    }

    private MonospaceTable() {
    }

    /**
     * The table's text, unescaped, with a rule under the header row.
     *
     * @param plain a cell's text as shown, without markup
     */
    public static String layout(TableBlock table, Function<Node, String> plain) {
        List<Row> rows = new ArrayList<>();
        List<TableCell.Alignment> alignments = new ArrayList<>();
        for (Node section = table.getFirstChild(); section != null; section = section.getNext()) {
            for (Node row = section.getFirstChild(); row != null; row = row.getNext()) {
                List<String> cells = new ArrayList<>();
                for (Node cell = row.getFirstChild(); cell != null; cell = cell.getNext()) {
                    cells.add(plain.apply(cell).strip());
                    if (cell instanceof TableCell tableCell && alignments.size() < cells.size()) {
                        alignments.add(tableCell.getAlignment());
                    }
                }
                rows.add(new Row(cells, section instanceof TableHead));
            }
        }
        int[] widths = new int[alignments.size()];
        for (Row row : rows) {
            for (int column = 0; column < Math.min(widths.length, row.cells().size()); column++) {
                widths[column] = Math.max(widths[column], width(row.cells().get(column)));
            }
        }
        var out = new StringBuilder();
        for (Row row : rows) {
            var line = new StringBuilder();
            for (int column = 0; column < widths.length; column++) {
                String cell = column < row.cells().size() ? row.cells().get(column) : "";
                line.append(column == 0 ? "" : " | ").append(padded(cell, widths[column], alignments.get(column)));
            }
            out.append(out.isEmpty() ? "" : "\n").append(line.toString().stripTrailing());
            if (row.header()) {
                var rule = new StringBuilder();
                for (int column = 0; column < widths.length; column++) {
                    rule.append(column == 0 ? "" : "-+-").append("-".repeat(widths[column]));
                }
                out.append('\n').append(rule);
            }
        }
        return out.toString();
    }

    private static String padded(String cell, int width, TableCell.Alignment alignment) {
        int space = width - width(cell);
        int left = alignment == TableCell.Alignment.RIGHT ? space
                : alignment == TableCell.Alignment.CENTER ? space / 2 : 0;
        return " ".repeat(left) + cell + " ".repeat(space - left);
    }

    /** Terminal columns: combining marks and joiners take none, East Asian wide characters and emoji two. */
    static int width(String text) {
        return text.codePoints().map(MonospaceTable::columns).sum();
    }

    private static int columns(int codePoint) {
        int type = Character.getType(codePoint);
        if (type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK || type == Character.FORMAT) {
            return 0;
        }
        return wide(codePoint) ? 2 : 1;
    }

    private static boolean wide(int c) {
        return c >= 0x1100 && c <= 0x115F || c >= 0x2E80 && c <= 0xA4CF && c != 0x303F
                || c >= 0xAC00 && c <= 0xD7A3 || c >= 0xF900 && c <= 0xFAFF || c >= 0xFE30 && c <= 0xFE4F
                || c >= 0xFF00 && c <= 0xFF60 || c >= 0xFFE0 && c <= 0xFFE6 || c >= 0x1F300 && c <= 0x1F64F
                || c >= 0x1F900 && c <= 0x1F9FF || c >= 0x20000 && c <= 0x3FFFD;
    }
}
