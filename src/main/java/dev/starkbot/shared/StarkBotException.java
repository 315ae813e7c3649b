package dev.starkbot.shared;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Base of every module's exception hierarchy. Subclasses are named by meaning ({@code ScheduleNotFoundException})
 * and carry a stable problem {@link #type()} slug that clients may switch on; the message is for humans and must
 * never contain secrets, because it is shown to the client.
 */
public abstract class StarkBotException extends RuntimeException {

    protected StarkBotException(String message) {
        super(message);
    }

    protected StarkBotException(String message, Throwable cause) {
        super(message, cause);
    }

    public abstract ErrorKind kind();

    /** A short, stable, lower-case slug such as {@code migration-failed}; it becomes part of the problem type URI. */
    public abstract String type();

    /** How long the client should wait before retrying, when the server knows. */
    public Optional<Duration> retryAfter() {
        return Optional.empty();
    }

    /**
     * For a request that breaks rules only a module can check (a cron expression, a task's parameters): each
     * field and what is wrong with it, so that clients can point at it as they do for Bean Validation errors.
     */
    public List<InvalidField> invalidFields() {
        return List.of();
    }
}
