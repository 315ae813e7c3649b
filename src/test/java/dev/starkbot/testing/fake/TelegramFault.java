package dev.starkbot.testing.fake;

import java.time.Duration;

/**
 * How one Bot API call goes wrong, scripted with {@link FakeTelegramServer#failNext}. Each is what the real service
 * does on a bad day: the Bot API's flood control, the nginx in front of it losing its upstream, a connection cut.
 */
public sealed interface TelegramFault {

    /**
     * Flood control: HTTP 429 with a {@code Retry-After: N} header and the body
     * {@code {"ok":false,"error_code":429,"description":"Too Many Requests: retry after N",
     * "parameters":{"retry_after":N}}}.
     */
    static TelegramFault tooManyRequests(int retryAfterSeconds) {
        return new TooManyRequests(retryAfterSeconds);
    }

    /** nginx's own HTML 502 page, not JSON: the front end could not reach the Bot API server. */
    static TelegramFault badGateway() {
        return new BadGateway();
    }

    /** Any Bot API error body, e.g. {@code apiError(500, "Internal Server Error")}. */
    static TelegramFault apiError(int errorCode, String description) {
        return new ApiError(errorCode, description);
    }

    /** Reads the request, then closes the connection without sending a byte. */
    static TelegramFault hangUp() {
        return new HangUp();
    }

    /** Reads the request and sends nothing for the duration, then closes the connection. */
    static TelegramFault stall(Duration duration) {
        return new Stall(duration);
    }

    /** Waits for the duration, then serves the call normally: a slow but working server. */
    static TelegramFault delay(Duration duration) {
        return new Delay(duration);
    }

    record TooManyRequests(int retryAfterSeconds) implements TelegramFault {
    }

    record BadGateway() implements TelegramFault {
    }

    record ApiError(int errorCode, String description) implements TelegramFault {
    }

    record HangUp() implements TelegramFault {
    }

    record Stall(Duration duration) implements TelegramFault {
    }

    record Delay(Duration duration) implements TelegramFault {
    }
}
