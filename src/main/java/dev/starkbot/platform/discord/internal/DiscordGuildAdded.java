package dev.starkbot.platform.discord.internal;

/**
 * The owner added the bot to a server through the install link (published when the OAuth2 code exchange completes):
 * the adapter sets the server's slash commands at once when they are per server.
 */
record DiscordGuildAdded(String guildId, String guildName) {
}
