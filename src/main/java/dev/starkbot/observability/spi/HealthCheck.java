package dev.starkbot.observability.spi;

/**
 * One component of {@code GET /health}. Implementations bound their own time (a check that hangs would make the
 * health endpoint hang) and report only what is safe to show without authentication: no URLs, no credentials.
 */
public interface HealthCheck {

    /** The component's key in the health document, such as {@code database}. */
    String name();

    HealthCheckResult check();
}
