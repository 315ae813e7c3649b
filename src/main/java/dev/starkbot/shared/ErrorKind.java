package dev.starkbot.shared;

/**
 * What went wrong, in terms a client can act on. The web module maps each kind to an HTTP status and the gateway
 * to a JSON-RPC code, each in exactly one place, so that modules never pick status codes themselves.
 */
public enum ErrorKind {
    INVALID(false),
    UNAUTHENTICATED(false),
    FORBIDDEN(false),
    NOT_FOUND(false),
    CONFLICT(false),
    TOO_LARGE(false),
    RATE_LIMITED(true),
    UNAVAILABLE(true),
    INTERNAL(false);

    private final boolean retryable;

    ErrorKind(boolean retryable) {
        this.retryable = retryable;
    }

    /** Whether the same request may succeed if simply sent again later. */
    public boolean retryable() {
        return retryable;
    }
}
