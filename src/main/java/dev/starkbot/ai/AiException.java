package dev.starkbot.ai;

import java.time.Duration;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import dev.starkbot.shared.ErrorKind;
import dev.starkbot.shared.StarkBotException;

/** The model could not be asked, or refused. The message names the provider, never a key. */
public class AiException extends StarkBotException {

    private final ErrorKind kind;
    private final String type;
    private final @Nullable Duration retryAfter;

    public AiException(ErrorKind kind, String type, String message, @Nullable Duration retryAfter) {
        super(message);
        this.kind = kind;
        this.type = type;
        this.retryAfter = retryAfter;
    }

    /** Every pair of the chain failed with something worth retrying later. */
    public static AiException unavailable(String message, @Nullable Duration retryAfter) {
        return new AiException(ErrorKind.UNAVAILABLE, "model-unavailable", message, retryAfter);
    }

    /** The provider refused the request itself (bad key, bad request); retrying will not help. */
    public static AiException rejected(String message) {
        return new AiException(ErrorKind.UNAVAILABLE, "model-rejected", message, null);
    }

    /** The person asked for a model the admin has not allowed. */
    public static AiException notAllowed(String message) {
        return new AiException(ErrorKind.INVALID, "model-not-allowed", message, null);
    }

    public static AiException notConfigured(String provider) {
        return new AiException(ErrorKind.UNAVAILABLE, "model-not-configured",
                "provider '" + provider + "' has no API key; set it in config.toml, the environment or the settings",
                null);
    }

    @Override
    public ErrorKind kind() {
        return kind;
    }

    @Override
    public String type() {
        return type;
    }

    @Override
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
