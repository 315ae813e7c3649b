package dev.starkbot.command.internal;

import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

import dev.starkbot.command.CommandContext;
import dev.starkbot.command.CommandLine;
import dev.starkbot.command.CommandResult;
import dev.starkbot.command.CommandService;
import dev.starkbot.command.CommandSpec;
import dev.starkbot.command.spi.Command;

/** Lists the commands the person may run; the registry is looked up lazily because it holds this command too. */
@Component
class HelpCommand implements Command {

    private static final CommandSpec SPEC = CommandSpec.of("help", "List the commands you can use", "");

    private final CommandService commands;

    HelpCommand(@Lazy CommandService commands) {
        this.commands = commands;
    }

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public CommandResult run(CommandContext context, CommandLine line) {
        StringBuilder text = new StringBuilder("Commands:\n");
        for (CommandSpec spec : commands.available(context.role())) {
            text.append("\n/").append(spec.name()).append(spec.usage().isEmpty() ? "" : " " + spec.usage())
                    .append(": ").append(spec.description());
        }
        return CommandResult.of(text.toString());
    }
}
