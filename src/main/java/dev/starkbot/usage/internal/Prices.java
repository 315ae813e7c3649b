package dev.starkbot.usage.internal;

import java.util.HashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import dev.starkbot.ai.ModelRef;
import dev.starkbot.ai.TokenUsage;
import dev.starkbot.usage.UsageProperties;
import dev.starkbot.usage.UsageProperties.Price;

/**
 * List prices in dollars per million tokens, by model-name prefix, as published by the vendors in 2026; configured
 * prices override them. These are estimates for the person's information, not invoices: batch discounts,
 * long-context surcharges and taxes are not modelled.
 */
@Component
class Prices {

    private static final Map<String, Price> BUILT_IN = Map.ofEntries(
            Map.entry("claude-opus-4", new Price(15, 75, 1.5, 18.75)),
            Map.entry("claude-opus-4-5", new Price(5, 25, 0.5, 6.25)),
            Map.entry("claude-sonnet-4", new Price(3, 15, 0.3, 3.75)),
            Map.entry("claude-haiku-4", new Price(1, 5, 0.1, 1.25)),
            Map.entry("claude-3-5-haiku", new Price(0.8, 4, 0.08, 1.0)),
            Map.entry("gpt-4o", new Price(2.5, 10, 1.25, null)),
            Map.entry("gpt-4o-mini", new Price(0.15, 0.6, 0.075, null)),
            Map.entry("gpt-4.1", new Price(2, 8, 0.5, null)),
            Map.entry("gpt-4.1-mini", new Price(0.4, 1.6, 0.1, null)),
            Map.entry("gpt-4.1-nano", new Price(0.1, 0.4, 0.025, null)),
            Map.entry("gpt-5", new Price(1.25, 10, 0.125, null)),
            Map.entry("gpt-5-mini", new Price(0.25, 2, 0.025, null)));

    private final Map<String, Price> prices;

    Prices(UsageProperties properties) {
        Map<String, Price> all = new HashMap<>(BUILT_IN);
        all.putAll(properties.prices());
        this.prices = Map.copyOf(all);
    }

    /** Millionths of a dollar; a price per million tokens is exactly micro-dollars per token. */
    long cost(ModelRef model, TokenUsage usage) {
        Price price = find(model.model());
        if (price == null) {
            return 0;
        }
        double cacheRead = price.cacheRead() == null ? price.input() : price.cacheRead();
        double cacheWrite = price.cacheWrite() == null ? price.input() : price.cacheWrite();
        return Math.round(usage.input() * price.input() + usage.output() * price.output()
                + usage.cacheRead() * cacheRead + usage.cacheWrite() * cacheWrite);
    }

    private @Nullable Price find(String model) {
        String best = null;
        for (String prefix : prices.keySet()) {
            if (model.startsWith(prefix) && (best == null || prefix.length() > best.length())) {
                best = prefix;
            }
        }
        return best == null ? null : prices.get(best);
    }
}
