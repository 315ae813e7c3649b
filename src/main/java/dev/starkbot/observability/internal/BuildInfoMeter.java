package dev.starkbot.observability.internal;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/** {@code starkbot_build_info{version="..."} 1}: the Prometheus idiom for telling which version is running. */
@Component
class BuildInfoMeter {

    BuildInfoMeter(MeterRegistry meters, ObjectProvider<BuildProperties> build) {
        BuildProperties properties = build.getIfAvailable();
        String version = properties == null ? "development" : properties.getVersion();
        Gauge.builder("starkbot.build.info", () -> 1)
                .description("The running StarkBot version, as a label; the value is always 1")
                .tag("version", version == null ? "unknown" : version)
                .tag("java", Runtime.version().toString())
                .register(meters);
    }
}
