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
    SettingDefinition assistantName() {
        return SettingDefinition.of("assistant.name", true, SettingType.STRING, "StarkBot",
                "The name the assistant uses for itself");
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
