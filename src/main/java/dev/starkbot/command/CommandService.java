package dev.starkbot.command;

import java.util.List;

/** The command module's front door. */
public interface CommandService {

    /**
     * Whether a message is a command this server knows. A message that merely starts with a slash (a path, a
     * fraction) is not one, and goes to the model as text.
     */
    boolean handles(String text);

    /**
     * Runs the command a message holds.
     *
     * @throws CommandException for bad syntax, an unknown command, a missing role, or the command's own refusal
     */
    CommandResult run(CommandContext context, String text);

    /** The commands a role may run, by name, for {@code /help} and platforms' command menus. */
    List<CommandSpec> available(dev.starkbot.user.Role role);
}
