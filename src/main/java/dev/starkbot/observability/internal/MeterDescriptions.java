package dev.starkbot.observability.internal;

import java.util.Map;

import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;

/**
 * Gives every meter a description, because Prometheus tooling expects a {@code # HELP} line for every family and
 * some of Spring's observation-based meters come without one. Spring Boot applies {@link MeterFilter} beans to the
 * registry before any meter is registered.
 */
@Component
class MeterDescriptions implements MeterFilter {

    private static final Map<String, String> KNOWN = Map.of(
            "http.server.requests", "Duration of HTTP server requests, by method, route pattern and status",
            "http.server.requests.active", "HTTP server requests in progress",
            "http.client.requests", "Duration of HTTP client requests",
            "jdbc.connections.active", "Connections in use in the database pool",
            "jdbc.connections.idle", "Idle connections in the database pool",
            "jdbc.connections.max", "Most connections the database pool may open",
            "jdbc.connections.min", "Fewest idle connections the database pool keeps");

    @Override
    public Meter.Id map(Meter.Id id) {
        if (id.getDescription() != null && !id.getDescription().isBlank()) {
            return id;
        }
        String description = KNOWN.getOrDefault(id.getName(), "Meter " + id.getName());
        return new Meter.Id(id.getName(), Tags.of(id.getTagsAsIterable()),
                id.getBaseUnit(), description, id.getType());
    }
}
