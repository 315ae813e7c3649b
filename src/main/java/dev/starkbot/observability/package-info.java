/**
 * What an operator sees of a running StarkBot: {@code GET /health}, Prometheus metrics at {@code /metrics}, request
 * ids that tie a response to its log lines (also in asynchronous work), and text or JSON-lines logs. Modules take
 * part in health through {@code spi.HealthCheck}; their own meters are named {@code starkbot.*}.
 */
@ApplicationModule(displayName = "Observability")
@NullMarked
package dev.starkbot.observability;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
