package dev.starkbot.settings.internal;

import org.springframework.stereotype.Component;

import dev.starkbot.command.CommandContext;
import dev.starkbot.command.CommandLine;
import dev.starkbot.command.CommandResult;
import dev.starkbot.command.CommandSpec;
import dev.starkbot.command.spi.Command;
import dev.starkbot.user.Role;

/**
 * The server's runtime settings, for admins, from any chat. Read only: changing a setting from a chat would put
 * secrets such as API keys into chat histories and platform logs, so changes go through the dashboard or the API.
 */
@Component
class ConfigCommand implements Command {

    private static final CommandSpec SPEC = new CommandSpec("config", "Show the server's runtime settings",
            "[key]", Role.ADMIN);

    private final DefaultSettingsService settings;

    ConfigCommand(DefaultSettingsService settings) {
        this.settings = settings;
    }

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public CommandResult run(CommandContext context, CommandLine line) {
        String only = line.arg(0);
        StringBuilder text = new StringBuilder("Settings (change them in the dashboard or with PUT "
                + "/api/settings/global/{key}):\n");
        for (DefaultSettingsService.View view : settings.views(true, null)) {
            if (only != null && !view.key().equals(only)) {
                continue;
            }
            String value = view.set() != null ? (view.set() ? "set" : "not set")
                    : view.value() == null ? "(none)" : view.value();
            text.append('\n').append(view.key()).append(": ").append(value).append(view.isDefault() ? " (default)"
                    : "");
        }
        return CommandResult.of(text.toString());
    }
}
