package dev.starkbot.platform;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * What all chat platforms share; each adapter has its own section ({@code starkbot.platforms.telegram}).
 *
 * @param pairingCodeTtl     how long a pairing code can be approved
 * @param streamEditInterval the least time between two edits of a reply being streamed (Telegram allows about one
 *                           edit a second per chat before it answers 429)
 * @param typingInterval     how often the typing indicator is repeated until the first token
 * @param inboxLease         how long an instance may work on a received message before another instance (or this
 *                           one after a restart) takes it over; renewed while the turn runs
 * @param deliveryAttempts   attempts to send one outgoing message before it is given up (and logged)
 * @param maxRetryDelay      the longest wait between two attempts, including a platform's {@code retry_after}
 * @param keepDelivered      how long received and sent messages are kept in the inbox and outbox after they are done
 * @param keepFiles          how long files received from platforms are kept under {@code <data-dir>/files}; the
 *                           conversations that mention them keep only their names
 */
@ConfigurationProperties("starkbot.platforms")
@Validated
public record PlatformsProperties(
        @DefaultValue("1h") Duration pairingCodeTtl,
        @DefaultValue("1s") Duration streamEditInterval,
        @DefaultValue("4s") Duration typingInterval,
        @DefaultValue("2m") Duration inboxLease,
        @DefaultValue("12") @Min(1) @Max(100) int deliveryAttempts,
        @DefaultValue("5m") Duration maxRetryDelay,
        @DefaultValue("7d") Duration keepDelivered,
        @DefaultValue("30d") Duration keepFiles) {
}
