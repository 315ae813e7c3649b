package dev.starkbot.user;

import java.time.Duration;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import dev.starkbot.shared.ErrorKind;
import dev.starkbot.shared.StarkBotException;

/**
 * Everything the accounts module refuses. Messages are shown to clients, so they never say whether a username
 * exists, and never contain a password, token or key.
 */
public class AccountException extends StarkBotException {

    private final ErrorKind kind;
    private final String type;
    private final @Nullable Duration retryAfter;

    private AccountException(ErrorKind kind, String type, String message, @Nullable Duration retryAfter) {
        super(message);
        this.kind = kind;
        this.type = type;
        this.retryAfter = retryAfter;
    }

    /** Wrong username or password, disabled or pending account: one answer for all, so nothing leaks. */
    public static AccountException invalidCredentials() {
        return new AccountException(ErrorKind.UNAUTHENTICATED, "invalid-credentials",
                "Invalid username or password", null);
    }

    public static AccountException loginThrottled(Duration retryAfter) {
        return new AccountException(ErrorKind.RATE_LIMITED, "login-throttled",
                "Too many failed logins; try again in " + Math.max(1, retryAfter.toSeconds()) + " s", retryAfter);
    }

    public static AccountException notFound(String what) {
        return new AccountException(ErrorKind.NOT_FOUND, "not-found", "No such " + what, null);
    }

    public static AccountException conflict(String type, String message) {
        return new AccountException(ErrorKind.CONFLICT, type, message, null);
    }

    public static AccountException invalid(String type, String message) {
        return new AccountException(ErrorKind.INVALID, type, message, null);
    }

    public static AccountException forbidden(String message) {
        return new AccountException(ErrorKind.FORBIDDEN, "forbidden", message, null);
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
