package dev.starkbot.persona.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import dev.starkbot.persona.PersonaException;

/**
 * A system-prompt template: text with variables written as a name between double braces, with optional spaces
 * inside ("{{user.name}}", "{{ now }}"). A name is one or more parts of lower-case letters, digits and underscores,
 * each starting with a letter, joined by dots. A reference must close on its own line, so that a stray "{{" is
 * reported where it is rather than where some later "}}" happens to be.
 *
 * <p>Escape: a backslash before "{{" makes it literal ("\{{" gives "{{"). Backslashes elsewhere are plain text,
 * so that paths and regular expressions in prompts stay as written; to put a backslash right before a variable,
 * double it ("\\{{now}}" gives a backslash and the time). In general, a run of backslashes before "{{" is halved,
 * and an odd one makes the braces literal.
 */
final class PromptTemplate {

    static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)*");

    /** A piece of the template: literal text, or a reference to a variable where it was written. */
    sealed interface Part {
    }

    record Text(String text) implements Part {
    }

    /** @param written the reference as it appears in the source, braces included */
    record Variable(String name, String written, int line, int column) implements Part {
    }

    private final List<Part> parts;

    private PromptTemplate(List<Part> parts) {
        this.parts = List.copyOf(parts);
    }

    /** @throws PersonaException {@code invalid-template} for an unclosed reference or a malformed name */
    static PromptTemplate parse(String source) {
        List<Part> parts = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        int at = 0;
        while (at < source.length()) {
            int open = source.indexOf("{{", at);
            if (open < 0) {
                text.append(source, at, source.length());
                break;
            }
            int slashes = 0;
            while (open - slashes - 1 >= at && source.charAt(open - slashes - 1) == '\\') {
                slashes++;
            }
            text.append(source, at, open - slashes).append("\\".repeat(slashes / 2));
            if (slashes % 2 == 1) {
                text.append("{{");
                at = open + 2;
                continue;
            }
            int close = source.indexOf("}}", open + 2);
            int lineEnd = source.indexOf('\n', open + 2);
            if (close < 0 || (lineEnd >= 0 && lineEnd < close)) {
                throw PersonaException.invalidTemplate("Unclosed {{ at " + position(source, open)
                        + ": close it with }} on the same line, or write \\{{ for literal braces");
            }
            String written = source.substring(open, close + 2);
            String name = source.substring(open + 2, close).strip();
            if (!NAME.matcher(name).matches()) {
                throw PersonaException.invalidTemplate("Invalid variable " + written + " at " + position(source, open)
                        + ": a name is lower-case letters, digits and underscores starting with a letter, with dots "
                        + "between parts (such as user.name); write \\{{ for literal braces");
            }
            if (!text.isEmpty()) {
                parts.add(new Text(text.toString()));
                text.setLength(0);
            }
            int[] lineColumn = lineColumn(source, open);
            parts.add(new Variable(name, written, lineColumn[0], lineColumn[1]));
            at = close + 2;
        }
        if (!text.isEmpty()) {
            parts.add(new Text(text.toString()));
        }
        return new PromptTemplate(parts);
    }

    List<Part> parts() {
        return parts;
    }

    /** The first reference, in reading order, to a name that is not in {@code known}. */
    Optional<Variable> firstUnknown(Collection<String> known) {
        for (Part part : parts) {
            if (part instanceof Variable variable && !known.contains(variable.name())) {
                return Optional.of(variable);
            }
        }
        return Optional.empty();
    }

    /**
     * The text with each variable replaced by its value. A reference without a value stays as written: templates
     * are checked when saved, and a conversation should not fail over a prompt edited by hand in the database.
     */
    String render(Map<String, String> values) {
        StringBuilder out = new StringBuilder();
        for (Part part : parts) {
            switch (part) {
                case Text text -> out.append(text.text());
                case Variable variable -> out.append(values.getOrDefault(variable.name(), variable.written()));
            }
        }
        return out.toString();
    }

    private static String position(String source, int index) {
        int[] lineColumn = lineColumn(source, index);
        return "line " + lineColumn[0] + " column " + lineColumn[1];
    }

    /** 1-based; columns count characters as people see them (code points), not UTF-16 units. */
    private static int[] lineColumn(String source, int index) {
        int lineStart = source.lastIndexOf('\n', index - 1) + 1;
        int line = (int) source.substring(0, lineStart).chars().filter(c -> c == '\n').count() + 1;
        return new int[] {line, source.codePointCount(lineStart, index) + 1};
    }
}
