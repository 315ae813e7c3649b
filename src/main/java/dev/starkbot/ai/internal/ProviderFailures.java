package dev.starkbot.ai.internal;

import java.io.InterruptedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

import org.jspecify.annotations.Nullable;

import dev.starkbot.ai.spi.ProviderException.Failure;

/** What both SDKs' failures mean, decided from the facts they share: a status code, headers, an I/O cause. */
final class ProviderFailures {

    private ProviderFailures() {
    }

    static Failure fromStatus(int status) {
        return switch (status) {
            case 429 -> Failure.RATE_LIMITED;
            case 529 -> Failure.OVERLOADED;
            case 401, 403 -> Failure.AUTH;
            case 408 -> Failure.TIMEOUT;
            default -> status >= 500 ? Failure.SERVER : Failure.REJECTED;
        };
    }

    /** The {@code type} of an error object in a stream's error event ({@code overloaded_error}, ...). */
    static Failure fromErrorType(@Nullable String type) {
        if (type == null) {
            return Failure.SERVER;
        }
        return switch (type) {
            case "rate_limit_error" -> Failure.RATE_LIMITED;
            case "overloaded_error" -> Failure.OVERLOADED;
            case "authentication_error", "permission_error" -> Failure.AUTH;
            case "invalid_request_error", "not_found_error", "request_too_large" -> Failure.REJECTED;
            case "timeout_error" -> Failure.TIMEOUT;
            default -> Failure.SERVER;
        };
    }

    /** An I/O failure: a timeout when the cause chain says so, a network failure otherwise. */
    static Failure fromIo(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof InterruptedIOException) {
                return Failure.TIMEOUT;
            }
        }
        return Failure.NETWORK;
    }

    /**
     * Reads {@code retry-after-ms} (OpenAI) or {@code retry-after} in seconds or as an HTTP date; anything else is
     * ignored rather than trusted.
     */
    static @Nullable Duration retryAfter(@Nullable String millis, @Nullable String header, Instant now) {
        try {
            if (millis != null && !millis.isBlank()) {
                return Duration.ofMillis(Math.max(0, (long) Double.parseDouble(millis.trim())));
            }
            if (header == null || header.isBlank()) {
                return null;
            }
            String value = header.trim();
            if (value.chars().allMatch(c -> Character.isDigit(c) || c == '.')) {
                return Duration.ofMillis((long) (Double.parseDouble(value) * 1000));
            }
            Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration wait = Duration.between(now, at);
            return wait.isNegative() ? Duration.ZERO : wait;
        } catch (NumberFormatException | DateTimeParseException e) {
            return null;
        }
    }
}
