package dev.starkbot.platform.discord.internal;

import java.time.Duration;

import dev.starkbot.platform.spi.DeliveryException;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.entities.channel.middleman.GuildMessageChannel;
import net.dv8tion.jda.api.entities.channel.middleman.MessageChannel;

/**
 * A chat as a channel to send to: a server channel or thread from JDA's cache, else a person's direct-message
 * channel, opened by their user id (the chat id the router keeps across restarts, when the cache is empty).
 */
final class DiscordChannels {

    private DiscordChannels() {
    }

    static MessageChannel find(JDA jda, String chatId, Duration timeout) throws DeliveryException {
        try {
            MessageChannel cached = jda.getChannelById(GuildMessageChannel.class, chatId);
            if (cached != null) {
                return cached;
            }
        } catch (NumberFormatException e) {
            throw DeliveryException.permanentFailure("not a Discord chat id: " + chatId);
        }
        if (jda.getStatus() != JDA.Status.CONNECTED) {
            // the servers' channels come back with the session: until then an unknown id may be one of them
            throw DeliveryException.transientFailure("Discord is reconnecting", null);
        }
        return DiscordCalls.complete(jda.openPrivateChannelById(chatId), "open a direct message", timeout);
    }
}
