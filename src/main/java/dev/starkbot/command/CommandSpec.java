package dev.starkbot.command;

import java.util.List;

import dev.starkbot.user.Role;

/**
 * A command as {@code /help}, the API and platforms' command menus list it.
 *
 * @param usage the arguments as typed, such as {@code <name>} or {@code [--all]}
 */
public record CommandSpec(String name, String description, String usage, Role requiredRole) {

    public CommandSpec {
        if (!name.matches("[a-z][a-z0-9_]{0,31}")) {
            // Telegram's menu takes lower case, digits and underscores only; every platform gets the same names
            throw new IllegalArgumentException("command names are lower case letters, digits and _: " + name);
        }
    }

    public static CommandSpec of(String name, String description, String usage) {
        return new CommandSpec(name, description, usage, Role.USER);
    }

    public static List<String> names(List<CommandSpec> specs) {
        return specs.stream().map(CommandSpec::name).toList();
    }
}
