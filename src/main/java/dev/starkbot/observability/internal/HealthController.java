package dev.starkbot.observability.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.starkbot.observability.spi.HealthCheck;
import dev.starkbot.observability.spi.HealthCheckResult;

/**
 * {@code GET /health}, open to anyone (load balancers and service managers have no credentials). It shows only
 * statuses and timings, nothing that helps an attacker. 200 when every component is up, 503 otherwise.
 */
@RestController
class HealthController {

    private final List<HealthCheck> checks;

    HealthController(List<HealthCheck> checks) {
        this.checks = checks;
    }

    @GetMapping("/health")
    ResponseEntity<HealthResponse> health() {
        Map<String, Component> components = new LinkedHashMap<>();
        boolean allUp = true;
        for (HealthCheck check : checks) {
            HealthCheckResult result = check.check();
            allUp &= result.up();
            components.put(check.name(), new Component(status(result.up()), result.details()));
        }
        return ResponseEntity.status(allUp ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
                .cacheControl(CacheControl.noStore())
                .body(new HealthResponse(status(allUp), components));
    }

    private static String status(boolean up) {
        return up ? "UP" : "DOWN";
    }

    record HealthResponse(String status, Map<String, Component> components) {
    }

    record Component(String status, Map<String, Object> details) {
    }
}
