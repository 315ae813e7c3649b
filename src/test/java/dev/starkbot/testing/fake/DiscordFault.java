package dev.starkbot.testing.fake;

import java.time.Duration;

/**
 * How one Discord REST call goes wrong, scripted with {@link FakeDiscordServer#failNext}: the per-route and global
 * rate limits, an API error of Discord's JSON shape, a Cloudflare 502, a dropped connection, a slow server.
 */
public sealed interface DiscordFault {

    /**
     * A per-route rate limit: 429, {@code Retry-After} in whole seconds (rounded up, as Discord sends it),
     * {@code X-RateLimit-Scope: user} and the body {@code {"message","retry_after","global":false}}.
     */
    static DiscordFault rateLimited(double retryAfterSeconds) {
        return new RateLimited(retryAfterSeconds, false);
    }

    /** The global rate limit: as {@link #rateLimited} plus {@code X-RateLimit-Global: true} and {@code global}. */
    static DiscordFault globallyRateLimited(double retryAfterSeconds) {
        return new RateLimited(retryAfterSeconds, true);
    }

    /** Any Discord error body {@code {"message","code"}} with the HTTP status, e.g. 403 / 50013. */
    static DiscordFault apiError(int status, int code, String message) {
        return new ApiError(status, code, message);
    }

    /** Cloudflare's HTML 502 in front of the API; JDA 6.5 retries 502, 503, 504, 520-524 and 529 itself. */
    static DiscordFault badGateway() {
        return new BadGateway();
    }

    /** Reads the request, then closes the connection without a byte. */
    static DiscordFault hangUp() {
        return new HangUp();
    }

    /** Waits, then serves the call normally. */
    static DiscordFault delay(Duration duration) {
        return new Delay(duration);
    }

    record RateLimited(double retryAfterSeconds, boolean global) implements DiscordFault {
    }

    record ApiError(int status, int code, String message) implements DiscordFault {
    }

    record BadGateway() implements DiscordFault {
    }

    record HangUp() implements DiscordFault {
    }

    record Delay(Duration duration) implements DiscordFault {
    }
}
