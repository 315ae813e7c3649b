package dev.starkbot.web.internal;

import java.io.IOException;

/**
 * Thrown from the request body stream once it passes the limit. It is an {@link IOException} because that is what
 * a stream may throw; the JSON reader wraps it, and the error mapper finds it in the cause chain.
 */
class BodyTooLargeException extends IOException {

    BodyTooLargeException(long limit) {
        super("Request body exceeds the limit of " + limit + " bytes");
    }
}
