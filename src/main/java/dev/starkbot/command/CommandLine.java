package dev.starkbot.command;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * A parsed command: {@code /name arg1 "quoted arg" --flag=value --switch}. Names are case-insensitive and may carry
 * a bot's name as Telegram sends them in groups ({@code /help@StarkBot}); inside double quotes, {@code \"} and
 * {@code \\} escape; a flag without a value is {@code true}.
 */
public record CommandLine(String name, List<String> args, Map<String, String> flags) {

    /** A command line longer than this is not a command people type; it is refused rather than parsed. */
    public static final int MAX_LENGTH = 4096;

    public CommandLine {
        args = List.copyOf(args);
        flags = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(flags));
    }

    /** Whether a message is meant as a command: it starts with {@code /} and a letter. */
    public static boolean looksLikeCommand(String text) {
        String trimmed = text.stripLeading();
        return trimmed.length() > 1 && trimmed.charAt(0) == '/' && Character.isLetter(trimmed.charAt(1));
    }

    /**
     * @throws CommandException with the column where the syntax fails
     */
    public static CommandLine parse(String text) {
        String line = text.strip();
        if (!looksLikeCommand(line)) {
            throw CommandException.syntax("a command starts with / and a letter", 1);
        }
        if (line.length() > MAX_LENGTH) {
            throw CommandException.syntax("a command has at most " + MAX_LENGTH + " characters", MAX_LENGTH + 1);
        }
        List<Token> tokens = tokens(line);
        String name = tokens.getFirst().text().substring(1);
        int at = name.indexOf('@');
        if (at >= 0) {
            name = name.substring(0, at);
        }
        if (!name.matches("[A-Za-z][A-Za-z0-9_-]{0,31}")) {
            throw CommandException.syntax("a command name has letters, digits, _ and - (at most 32)", 2);
        }
        List<String> args = new ArrayList<>();
        Map<String, String> flags = new LinkedHashMap<>();
        for (Token token : tokens.subList(1, tokens.size())) {
            if (!token.quoted() && token.text().startsWith("--") && token.text().length() > 2) {
                int equals = token.text().indexOf('=');
                String flag = equals < 0 ? token.text().substring(2) : token.text().substring(2, equals);
                if (!flag.matches("[A-Za-z][A-Za-z0-9_-]*")) {
                    throw CommandException.syntax("a flag is --name or --name=value", token.column());
                }
                flags.put(flag.toLowerCase(java.util.Locale.ROOT), equals < 0 ? "true"
                        : token.text().substring(equals + 1));
            } else {
                args.add(token.text());
            }
        }
        return new CommandLine(name.toLowerCase(java.util.Locale.ROOT), args, flags);
    }

    public Optional<String> flag(String name) {
        return Optional.ofNullable(flags.get(name));
    }

    /** The arguments joined by single spaces, for commands whose one argument is free text. */
    public String rest() {
        return String.join(" ", args);
    }

    public @Nullable String arg(int index) {
        return index < args.size() ? args.get(index) : null;
    }

    private record Token(String text, boolean quoted, int column) {
    }

    private static List<Token> tokens(String line) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            int start = i;
            StringBuilder text = new StringBuilder();
            boolean quoted = false;
            while (i < line.length() && !Character.isWhitespace(line.charAt(i))) {
                char d = line.charAt(i);
                if (d == '"') {
                    quoted = true;
                    int open = i;
                    i++;
                    while (true) {
                        if (i >= line.length()) {
                            throw CommandException.syntax("the quote opened here is never closed", open + 1);
                        }
                        char e = line.charAt(i);
                        if (e == '\\' && i + 1 < line.length() && (line.charAt(i + 1) == '"'
                                || line.charAt(i + 1) == '\\')) {
                            text.append(line.charAt(i + 1));
                            i += 2;
                        } else if (e == '"') {
                            i++;
                            break;
                        } else {
                            text.append(e);
                            i++;
                        }
                    }
                } else {
                    text.append(d);
                    i++;
                }
            }
            tokens.add(new Token(text.toString(), quoted, start + 1));
        }
        return tokens;
    }
}
