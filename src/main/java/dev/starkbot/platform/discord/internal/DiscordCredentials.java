package dev.starkbot.platform.discord.internal;

import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import dev.starkbot.platform.discord.DiscordProperties;
import dev.starkbot.settings.SettingsService;
import dev.starkbot.shared.Secret;

/**
 * The bot token and the OAuth2 client secret, each from the configuration, else the conventional environment
 * variable, else the sealed setting (which the dashboard writes and never shows again).
 */
@Component
class DiscordCredentials {

    static final String TOKEN_SETTING = "platforms.discord.bot-token";
    static final String CLIENT_SECRET_SETTING = "platforms.discord.client-secret";

    private final DiscordProperties properties;
    private final Environment environment;
    private final SettingsService settings;

    DiscordCredentials(DiscordProperties properties, Environment environment, SettingsService settings) {
        this.properties = properties;
        this.environment = environment;
        this.settings = settings;
    }

    Optional<String> botToken() {
        return find(properties.botToken(), "DISCORD_BOT_TOKEN", TOKEN_SETTING);
    }

    Optional<String> clientSecret() {
        return find(properties.clientSecret(), "DISCORD_CLIENT_SECRET", CLIENT_SECRET_SETTING);
    }

    private Optional<String> find(@Nullable Secret configured, String variable, String setting) {
        if (configured != null && !configured.isBlank()) {
            return Optional.of(configured.reveal());
        }
        String conventional = environment.getProperty(variable);
        if (conventional != null && !conventional.isBlank()) {
            return Optional.of(conventional);
        }
        return settings.global(setting).filter(value -> !value.isBlank());
    }
}
