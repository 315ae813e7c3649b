package dev.starkbot.platform.discord.internal;

import java.time.Duration;
import java.util.List;

import dev.starkbot.command.CommandSpec;
import dev.starkbot.platform.discord.DiscordProperties;
import dev.starkbot.platform.spi.DeliveryException;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.interactions.commands.build.CommandData;

/**
 * Sets the slash commands: once for everywhere ({@code global}), or on each server ({@code guild}), where changes
 * show at once. Each set replaces the whole list, so a command removed from the registry goes from Discord too; with
 * per-server commands the global list is emptied, or each command would be listed twice.
 */
final class DiscordCommandSync {

    private final DiscordProperties properties;
    private final List<CommandData> commands;
    private final Duration timeout;

    DiscordCommandSync(DiscordProperties properties, List<CommandSpec> specs, Duration timeout) {
        this.properties = properties;
        this.commands = DiscordCommands.of(specs);
        this.timeout = timeout;
    }

    void all(JDA jda) throws DeliveryException {
        if (properties.commandScope() == DiscordProperties.CommandScope.GLOBAL) {
            DiscordCalls.complete(jda.updateCommands().addCommands(commands), "set slash commands", timeout);
            return;
        }
        DiscordCalls.complete(jda.updateCommands(), "clear global slash commands", timeout);
        for (Guild guild : jda.getGuilds()) {
            guild(guild);
        }
    }

    void guild(Guild guild) throws DeliveryException {
        if (properties.commandScope() != DiscordProperties.CommandScope.GUILD
                || !properties.commandGuilds().isEmpty() && !properties.commandGuilds().contains(guild.getId())) {
            return;
        }
        DiscordCalls.complete(guild.updateCommands().addCommands(commands), "set a server's slash commands",
                timeout);
    }
}
