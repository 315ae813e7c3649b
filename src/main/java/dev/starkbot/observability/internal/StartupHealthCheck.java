package dev.starkbot.observability.internal;

import java.util.Map;

import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.stereotype.Component;

import dev.starkbot.observability.spi.HealthCheck;
import dev.starkbot.observability.spi.HealthCheckResult;

/**
 * The {@code startup} component of {@code /health}: up once StarkBot has finished starting (its start-up tasks,
 * such as creating the first admin, have run) and until it begins to stop. The web server answers before those tasks
 * are over, and a service manager or script that waits for a healthy {@code /health} must not find an instance
 * that still refuses a sign-in it is about to accept; while stopping, a load balancer sees 503 and sends new requests
 * elsewhere as the ones in progress finish.
 */
@Component
class StartupHealthCheck implements HealthCheck {

    private final ApplicationAvailability availability;

    StartupHealthCheck(ApplicationAvailability availability) {
        this.availability = availability;
    }

    @Override
    public String name() {
        return "startup";
    }

    @Override
    public HealthCheckResult check() {
        ReadinessState state = availability.getReadinessState();
        boolean ready = state == ReadinessState.ACCEPTING_TRAFFIC;
        return new HealthCheckResult(ready, Map.of("state", ready ? "ready" : "starting or stopping"));
    }
}
