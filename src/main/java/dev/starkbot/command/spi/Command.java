package dev.starkbot.command.spi;

import dev.starkbot.command.CommandContext;
import dev.starkbot.command.CommandLine;
import dev.starkbot.command.CommandResult;
import dev.starkbot.command.CommandSpec;

/** One command. Runs with the rights of the person who typed it; throwing a CommandException refuses it. */
public interface Command {

    CommandSpec spec();

    CommandResult run(CommandContext context, CommandLine line);
}
