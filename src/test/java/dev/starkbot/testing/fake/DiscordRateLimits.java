package dev.starkbot.testing.fake;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The fake Discord's per-route rate limits and the headers every answer carries ({@code X-RateLimit-*}, and the
 * {@code Via} of Discord's front end), and how a scripted {@link DiscordFault} is played on the wire.
 */
final class DiscordRateLimits {

    /** Per bucket and window, generous so that tests are never throttled unless they script it. */
    private static final int BUCKET_LIMIT = 50;
    private static final long BUCKET_WINDOW_MS = 1_000;

    private final Map<String, long[]> buckets = new ConcurrentHashMap<>();

    /** The 429 of a bucket that ran out: wait for the window to end. */
    static DiscordFault exhausted() {
        return DiscordFault.rateLimited(BUCKET_WINDOW_MS / 1000.0);
    }

    /** Counts a call against its bucket; returns {remaining, reset-at ms}, or null when the bucket is empty. */
    long[] take(String bucket) {
        long now = System.currentTimeMillis();
        long[] window = buckets.compute(bucket, (key, old) -> old == null || old[1] <= now
                ? new long[] {BUCKET_LIMIT, now + BUCKET_WINDOW_MS} : old);
        synchronized (window) {
            if (window[0] <= 0) {
                return null;
            }
            window[0]--;
            return new long[] {window[0], window[1]};
        }
    }

    static Map<String, String> headers(String bucket, long[] window) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        // Discord's responses come through Google's front end; JDA reads a 429 without "Via" as Cloudflare's
        // own limit and then holds back every route.
        headers.put("Via", "1.1 google");
        headers.put("CF-RAY", Long.toHexString(System.nanoTime()) + "-FRA");
        if (bucket != null && window != null) {
            long now = System.currentTimeMillis();
            headers.put("X-RateLimit-Bucket", Integer.toHexString(bucket.hashCode()));
            headers.put("X-RateLimit-Limit", Integer.toString(BUCKET_LIMIT));
            headers.put("X-RateLimit-Remaining", Long.toString(window[0]));
            headers.put("X-RateLimit-Reset", String.format(Locale.ROOT, "%.3f", window[1] / 1000.0));
            headers.put("X-RateLimit-Reset-After", String.format(Locale.ROOT, "%.3f",
                    Math.max(0, window[1] - now) / 1000.0));
        }
        return headers;
    }

    /** Plays a fault; returns whether the call should still be served afterwards. */
    static boolean sendFault(DiscordFault fault, String bucket, HttpExchange exchange)
            throws IOException, InterruptedException {
        switch (fault) {
            case DiscordFault.RateLimited(double seconds, boolean global) -> {
                Map<String, String> headers = headers(null, null);
                headers.put("Retry-After", Long.toString((long) Math.ceil(seconds)));
                headers.put("X-RateLimit-Scope", global ? "global" : "user");
                if (global) {
                    headers.put("X-RateLimit-Global", "true");
                } else {
                    headers.put("X-RateLimit-Bucket", Integer.toHexString(bucket.hashCode()));
                    headers.put("X-RateLimit-Limit", Integer.toString(BUCKET_LIMIT));
                    headers.put("X-RateLimit-Remaining", "0");
                    headers.put("X-RateLimit-Reset-After", String.format(Locale.ROOT, "%.3f", seconds));
                }
                exchange.respond(429, headers, DiscordJson.rateLimited(seconds, global));
            }
            case DiscordFault.ApiError(int status, int code, String message) ->
                    exchange.respond(status, headers(null, null), DiscordJson.error(code, message));
            case DiscordFault.BadGateway() -> exchange.respond(502, Map.of("Content-Type", "text/html",
                    "Server", "cloudflare"), "<html><head><title>502 Bad Gateway</title></head><body>"
                    + "<center><h1>502 Bad Gateway</h1></center><hr><center>cloudflare</center></body></html>");
            case DiscordFault.HangUp() -> exchange.hangUp();
            case DiscordFault.Delay(Duration duration) -> {
                return exchange.pause(duration);
            }
        }
        return false;
    }
}
