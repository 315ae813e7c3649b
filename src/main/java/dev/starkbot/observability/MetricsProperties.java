package dev.starkbot.observability;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

import dev.starkbot.shared.Secret;

/**
 * Access to the Prometheus metrics.
 *
 * @param token bearer token that {@code GET /metrics} requires on the main port; without one, {@code /metrics} is
 *              not served there. Alternatively set {@code management.server.port} to serve metrics on a
 *              separate port without a token; it binds to 127.0.0.1 unless {@code management.server.address}
 *              says otherwise. Env: {@code STARKBOT_METRICS_TOKEN}.
 */
@ConfigurationProperties("starkbot.metrics")
public record MetricsProperties(@Nullable Secret token) {
}
