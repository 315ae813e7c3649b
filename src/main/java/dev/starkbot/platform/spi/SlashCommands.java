package dev.starkbot.platform.spi;

import java.util.List;

import dev.starkbot.command.CommandSpec;

/** A platform with a command menu: the router sets it from the command registry when the platform starts. */
public interface SlashCommands {

    void setCommands(List<CommandSpec> commands) throws DeliveryException;
}
