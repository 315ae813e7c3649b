package dev.starkbot.user;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;

/**
 * Request rate limits, per signed-in user (per client address when anonymous) and per group of endpoints. Each
 * limit is a token bucket: {@code capacity} requests at once, refilled evenly over {@code period}.
 *
 * @param enabled    {@code false} turns every rate limit off (for a proxy that already limits); login
 *                   throttling stays on
 * @param auth       login, registration and setup (default 20 per minute, per client address)
 * @param read       GET requests (default 600 per minute)
 * @param write      every other method (default 120 per minute)
 * @param maxClients most buckets kept in memory, at least 100; beyond it, idle buckets are dropped first
 */
@ConfigurationProperties("starkbot.rate-limit")
@Validated
public record RateLimitProperties(
        @DefaultValue("true") boolean enabled,
        @Nullable @Valid Limit auth,
        @Nullable @Valid Limit read,
        @Nullable @Valid Limit write,
        @DefaultValue("100000") @Min(100) int maxClients) {

    // Defaults here rather than with @DefaultValue: Boot cannot build a nested record from @DefaultValue strings.
    public RateLimitProperties {
        auth = auth != null ? auth : new Limit(20, Duration.ofMinutes(1));
        read = read != null ? read : new Limit(600, Duration.ofMinutes(1));
        write = write != null ? write : new Limit(120, Duration.ofMinutes(1));
    }

    /**
     * One group's token bucket. A period left out means one minute, so that setting only the capacity is enough.
     *
     * @param capacity requests allowed at once, refilled evenly over the period; at least 1
     * @param period   how long a full refill takes; left out, zero or negative, one minute
     */
    public record Limit(@Min(1) long capacity, @Nullable Duration period) {

        public Limit {
            period = period == null || period.isZero() || period.isNegative() ? Duration.ofMinutes(1) : period;
        }
    }
}
