package dev.starkbot.platform.discord;

import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import dev.starkbot.platform.AccessPolicy;
import dev.starkbot.shared.Secret;

/**
 * Discord.
 *
 * @param enabled        whether StarkBot connects to Discord when it has a bot token
 * @param apiUrl         the REST API's root, with its version
 * @param gatewayUrl     the Gateway's WebSocket address
 * @param authorizeUrl   where the install link sends the owner to add the bot to a server
 * @param botToken       the bot's token (Developer Portal, Bot page); else {@code DISCORD_BOT_TOKEN}, else the setting
 *                       {@code platforms.discord.bot-token}
 * @param applicationId  the application's id (the install link's client id); found from the token when empty
 * @param clientSecret   the application's OAuth2 client secret, to complete the install link's code exchange; else
 *                       {@code DISCORD_CLIENT_SECRET}, else the setting {@code platforms.discord.client-secret}
 * @param redirectUrl    the public address of {@code /oauth2/discord/callback}, as registered in the Developer
 *                       Portal's OAuth2 redirects; when empty the install link only adds the bot, with no code exchange
 * @param commandScope   {@code global}: slash commands everywhere, direct messages included; {@code guild}: set on
 *                       each server the bot is in (shown at once; direct messages get none)
 * @param commandGuilds  with {@code guild} scope, only these servers (ids); empty means every server the bot is in
 * @param requestTimeout how long one call to the REST API may take
 * @param maxFileBytes   the largest attachment downloaded from a message
 * @param access         who may talk to the bot on Discord
 */
@ConfigurationProperties("starkbot.platforms.discord")
@Validated
public record DiscordProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("https://discord.com/api/v10/") String apiUrl,
        @DefaultValue("wss://gateway.discord.gg/") String gatewayUrl,
        @DefaultValue("https://discord.com/oauth2/authorize") String authorizeUrl,
        @Nullable Secret botToken,
        @DefaultValue("") String applicationId,
        @Nullable Secret clientSecret,
        @DefaultValue("") String redirectUrl,
        @DefaultValue("global") CommandScope commandScope,
        @Nullable List<String> commandGuilds,
        @DefaultValue("30s") Duration requestTimeout,
        @DefaultValue("25000000") long maxFileBytes,
        @NestedConfigurationProperty @Nullable AccessPolicy access) {

    public DiscordProperties {
        access = access == null ? AccessPolicy.defaults() : access;
        commandGuilds = commandGuilds == null ? List.of() : List.copyOf(commandGuilds);
        // JDA joins routes to the base URL: it must end with a slash
        apiUrl = apiUrl.endsWith("/") ? apiUrl : apiUrl + "/";
    }

    public enum CommandScope {
        GLOBAL,
        GUILD
    }
}
