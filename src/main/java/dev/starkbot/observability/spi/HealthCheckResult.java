package dev.starkbot.observability.spi;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * @param up      whether the component works; any component down makes {@code /health} answer 503
 * @param details small, public facts such as the round-trip time
 */
public record HealthCheckResult(boolean up, Map<String, Object> details) {

    public HealthCheckResult {
        // Kept in the order the check chose, so that the health document reads the same every time.
        details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }
}
