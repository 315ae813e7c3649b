package dev.starkbot.ai.spi;

import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.starkbot.ai.ContentBlock;
import dev.starkbot.ai.TokenUsage;

/**
 * A failed upstream call, classified so that the AI service can decide between retrying, falling back and giving
 * up without knowing any SDK's exception types.
 *
 * @see Failure
 */
public final class ProviderException extends Exception {

    private static final long serialVersionUID = 1L;

    /** What happened, in the terms retry decisions need. */
    public enum Failure {
        /** 429: slow down; {@code retryAfter} says how long when the provider said. */
        RATE_LIMITED(true),
        /** 529 or an overloaded_error event. */
        OVERLOADED(true),
        /** 500, 502, 503, 504. */
        SERVER(true),
        /** The connection failed or dropped, or the stream ended before its end. */
        NETWORK(true),
        /** No byte within the read timeout, or the whole call took too long. */
        TIMEOUT(true),
        /** The stream carried something that is not the protocol. */
        MALFORMED(true),
        /** 401 or 403: the key is wrong; another pair may still work. */
        AUTH(false),
        /** 400, 404, 413, 422: this request will never work with this pair. */
        REJECTED(false),
        /** Someone stopped it. */
        CANCELLED(false);

        private final boolean retryable;

        Failure(boolean retryable) {
            this.retryable = retryable;
        }

        public boolean retryable() {
            return retryable;
        }
    }

    private final Failure failure;
    private final @Nullable Duration retryAfter;
    private final List<ContentBlock> partial;
    private final TokenUsage usage;

    public ProviderException(Failure failure, String message, @Nullable Duration retryAfter,
                             List<ContentBlock> partial, TokenUsage usage, @Nullable Throwable cause) {
        super(message, cause);
        this.failure = failure;
        this.retryAfter = retryAfter;
        this.partial = List.copyOf(partial);
        this.usage = usage;
    }

    public Failure failure() {
        return failure;
    }

    public @Nullable Duration retryAfter() {
        return retryAfter;
    }

    /** The reply blocks that had arrived, complete or not. */
    public List<ContentBlock> partial() {
        return partial;
    }

    /** Whether any reply text or tool call reached the sink before the failure. */
    public boolean deliveredOutput() {
        return !partial.isEmpty();
    }

    public TokenUsage usage() {
        return usage;
    }
}
