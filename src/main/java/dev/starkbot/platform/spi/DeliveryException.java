package dev.starkbot.platform.spi;

import java.time.Duration;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * A send, edit or other call to the platform that did not succeed. The router retries a transient failure with
 * backoff (waiting at least {@code retryAfter} when the platform said so) and gives up on a permanent one (the chat
 * is gone, the bot was blocked, the request was malformed).
 */
public class DeliveryException extends Exception {

    private final boolean permanent;
    private final @Nullable Duration retryAfter;

    public DeliveryException(String message, boolean permanent, @Nullable Duration retryAfter,
                             @Nullable Throwable cause) {
        super(message, cause);
        this.permanent = permanent;
        this.retryAfter = retryAfter;
    }

    public static DeliveryException transientFailure(String message, @Nullable Throwable cause) {
        return new DeliveryException(message, false, null, cause);
    }

    public static DeliveryException rateLimited(String message, Duration retryAfter) {
        return new DeliveryException(message, false, retryAfter, null);
    }

    public static DeliveryException permanentFailure(String message) {
        return new DeliveryException(message, true, null, null);
    }

    public boolean permanent() {
        return permanent;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
