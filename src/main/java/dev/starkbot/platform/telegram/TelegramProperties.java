package dev.starkbot.platform.telegram;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import dev.starkbot.platform.AccessPolicy;
import dev.starkbot.shared.Secret;

/**
 * Telegram.
 *
 * @param enabled        whether StarkBot connects to Telegram when it has a bot token
 * @param apiUrl         the Bot API server's root; a self-hosted Bot API server (for large files) is a real use
 * @param botToken       the token from @BotFather; else {@code TELEGRAM_BOT_TOKEN}, else the setting
 *                       {@code platforms.telegram.bot-token}
 * @param mode           {@code polling} (long polling, works behind NAT) or {@code webhook} (Telegram posts updates
 *                       to {@code webhook-url}, which must be HTTPS and reach {@code /webhooks/telegram})
 * @param webhookUrl     the public HTTPS address of {@code /webhooks/telegram}, for webhook mode
 * @param pollTimeout    how long one long poll waits for updates
 * @param requestTimeout how long any other call to the Bot API may take
 * @param maxFileBytes   the largest file downloaded from a message (the public Bot API serves up to 20 MB)
 * @param access         who may talk to the bot on Telegram
 */
@ConfigurationProperties("starkbot.platforms.telegram")
@Validated
public record TelegramProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("https://api.telegram.org") String apiUrl,
        @Nullable Secret botToken,
        @DefaultValue("polling") Mode mode,
        @DefaultValue("") String webhookUrl,
        @DefaultValue("25s") Duration pollTimeout,
        @DefaultValue("30s") Duration requestTimeout,
        @DefaultValue("20000000") long maxFileBytes,
        @NestedConfigurationProperty @Nullable AccessPolicy access) {

    public TelegramProperties {
        access = access == null ? AccessPolicy.defaults() : access;
    }

    public enum Mode {
        POLLING,
        WEBHOOK
    }
}
