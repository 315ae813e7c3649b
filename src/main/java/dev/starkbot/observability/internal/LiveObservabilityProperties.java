package dev.starkbot.observability.internal;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import dev.starkbot.observability.MetricsProperties;
import dev.starkbot.shared.LiveProperties;

/** The metrics token can be changed (or revoked) in config.toml without a restart. */
@Configuration(proxyBeanMethods = false)
class LiveObservabilityProperties {

    @Bean
    LiveProperties<MetricsProperties> liveMetrics(MetricsProperties initial, Environment environment) {
        return new LiveProperties<>(MetricsProperties.class, "starkbot.metrics", initial, environment);
    }
}
