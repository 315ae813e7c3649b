package dev.starkbot.command;

import dev.starkbot.shared.ErrorKind;
import dev.starkbot.shared.StarkBotException;

/** A command that cannot run: bad syntax (with the column), unknown, not allowed, or refused by the command. */
public class CommandException extends StarkBotException {

    private final ErrorKind kind;
    private final String type;

    private CommandException(ErrorKind kind, String type, String message) {
        super(message);
        this.kind = kind;
        this.type = type;
    }

    public static CommandException syntax(String message, int column) {
        return new CommandException(ErrorKind.INVALID, "command-syntax", message + " (column " + column + ")");
    }

    public static CommandException unknown(String name) {
        return new CommandException(ErrorKind.INVALID, "unknown-command",
                "there is no command /" + name + "; /help lists them");
    }

    public static CommandException forbidden(String name) {
        return new CommandException(ErrorKind.FORBIDDEN, "command-forbidden", "/" + name + " is for admins");
    }

    /** A command's own refusal, worded for the person: a missing argument, an unknown persona. */
    public static CommandException refused(String message) {
        return new CommandException(ErrorKind.INVALID, "command-refused", message);
    }

    @Override
    public ErrorKind kind() {
        return kind;
    }

    @Override
    public String type() {
        return type;
    }
}
