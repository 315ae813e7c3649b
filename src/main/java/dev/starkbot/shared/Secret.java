package dev.starkbot.shared;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * A secret value (password, token, API key) that prints as {@code [REDACTED]}, so that it cannot leak through
 * {@code toString()} into logs, error messages or actuator output. Spring binds it from a plain string through
 * {@link #of(String)}.
 */
public final class Secret {

    private final String value;

    private Secret(String value) {
        this.value = Objects.requireNonNull(value, "value");
    }

    public static Secret of(String value) {
        return new Secret(value);
    }

    /** The plain value; call only where it is handed to the one place that needs it. */
    public String reveal() {
        return value;
    }

    public boolean isBlank() {
        return value.isBlank();
    }

    /** Compares in time independent of where the first difference lies, so a caller learns nothing from timing. */
    public boolean matches(String candidate) {
        return MessageDigest.isEqual(
                value.getBytes(StandardCharsets.UTF_8), candidate.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "[REDACTED]";
    }
}
