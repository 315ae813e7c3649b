package dev.starkbot.settings.internal;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.starkbot.crypto.spi.SealedColumn;
import dev.starkbot.settings.SettingDefinition;
import dev.starkbot.settings.SettingType;

/**
 * The settings that exist before the modules that will read them: the provider and platform credentials, declared
 * here so that they can be stored safely from the first release. Modules declare their own as they arrive.
 */
@Configuration(proxyBeanMethods = false)
class BuiltInSettings {

    @Bean
    SealedColumn sealedSettings() {
        return new SealedColumn("settings", "id", "sealed_value", "settings:");
    }

    @Bean
    SettingDefinition anthropicApiKey() {
        return SettingDefinition.secret("ai.anthropic.api-key", "API key for Claude (Anthropic)");
    }

    @Bean
    SettingDefinition openAiApiKey() {
        return SettingDefinition.secret("ai.openai.api-key", "API key for OpenAI or a compatible server");
    }

    @Bean
    SettingDefinition telegramBotToken() {
        return SettingDefinition.secret("platforms.telegram.bot-token", "Telegram bot token from @BotFather");
    }

    @Bean
    SettingDefinition discordBotToken() {
        return SettingDefinition.secret("platforms.discord.bot-token", "Discord bot token");
    }

    @Bean
    SettingDefinition discordClientSecret() {
        return SettingDefinition.secret("platforms.discord.client-secret",
                "Discord application's OAuth2 client secret, for the install link's code exchange");
    }

    @Bean
    SettingDefinition assistantName() {
        return SettingDefinition.of("assistant.name", true, SettingType.STRING, "StarkBot",
                "The name the assistant uses for itself");
    }

    // A user's preferences live with their account (and in PATCH /api/me); these definitions make them part of
    // the settings schema, so that one settings page can show everything a user can change.

    @Bean
    SettingDefinition preferredTimeZone() {
        return SettingDefinition.of(Preferences.TIME_ZONE, false, SettingType.TIME_ZONE, "UTC",
                "Your time zone: schedules and times are shown and run in it");
    }

    @Bean
    SettingDefinition preferredLocale() {
        return SettingDefinition.of(Preferences.LOCALE, false, SettingType.STRING, "en",
                "Your language and region, as a tag such as en-GB");
    }

    @Bean
    SettingDefinition preferredPersona() {
        return SettingDefinition.of(Preferences.DEFAULT_PERSONA, false, SettingType.STRING, null,
                "The persona new chats start with");
    }

    @Bean
    SettingDefinition preferredModel() {
        return SettingDefinition.of(Preferences.DEFAULT_MODEL, false, SettingType.STRING, null,
                "The model new chats start with");
    }

    @Bean
    SettingDefinition userNotifications() {
        return SettingDefinition.of("notifications.enabled", false, SettingType.BOOLEAN, "true",
                "Whether StarkBot may message you first (schedules, reminders)");
    }

    @Bean
    SettingDefinition userReplyLength() {
        return SettingDefinition.choice("chat.reply-length", false, "normal", "How long replies should be",
                "short", "normal", "detailed");
    }
}
