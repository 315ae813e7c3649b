package dev.starkbot.usage;

import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.PositiveOrZero;

/**
 * Token budgets and prices.
 *
 * @param dailyTokens   tokens (input, output and cache together) a user may spend per UTC day; 0 for no limit.
 *                      An admin may set another budget for one user.
 * @param monthlyTokens the same per UTC calendar month
 * @param prices        US dollars per million tokens by model name prefix (the longest matching prefix wins), to
 *                      add to or override the built-in list; a model matching none costs nothing (a local model)
 */
@ConfigurationProperties("starkbot.usage")
@Validated
public record UsageProperties(
        @DefaultValue("0") @PositiveOrZero long dailyTokens,
        @DefaultValue("0") @PositiveOrZero long monthlyTokens,
        @Nullable Map<String, Price> prices) {

    public UsageProperties {
        prices = prices == null ? Map.of() : Map.copyOf(prices);
    }

    /** Dollars per million tokens; cache prices default to the input price when not given. */
    public record Price(double input, double output, @Nullable Double cacheRead, @Nullable Double cacheWrite) {
    }
}
