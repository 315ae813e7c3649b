package dev.starkbot.gateway;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * Limits of the WebSocket gateway at {@code /ws}.
 *
 * @param maxFrameSize    largest text frame accepted; a larger one closes the connection with 1009.
 * @param maxDepth        deepest JSON nesting accepted in a frame.
 * @param maxBatch        most requests in one JSON-RPC batch.
 * @param maxInFlight     most requests of one connection being worked on at once; more are answered with a
 *                        retryable error.
 * @param requestsPerSecond sustained requests per second per connection (bursts of twice as many).
 * @param sendQueue       most messages waiting to be sent to one client; a client that falls this far behind is
 *                        disconnected with 1013, so that it never slows others or holds memory.
 * @param authTimeout     how long a connection that did not authenticate at the upgrade has to send its
 *                        {@code auth} request.
 * @param idleTimeout     a connection that sends nothing (pongs included) for this long is closed.
 * @param pingInterval    how often the server pings each client.
 * @param eventWindowSize most recent events kept per topic for clients that resume after a disconnect.
 * @param eventWindowAge  oldest event kept per topic for resuming; older ones make a resume answer with a gap.
 */
@ConfigurationProperties("starkbot.gateway")
@Validated
public record GatewayProperties(
        @DefaultValue("1MB") DataSize maxFrameSize,
        @DefaultValue("32") @Min(4) @Max(1000) int maxDepth,
        @DefaultValue("50") @Min(1) @Max(1000) int maxBatch,
        @DefaultValue("32") @Min(1) @Max(10000) int maxInFlight,
        @DefaultValue("50") @Min(1) int requestsPerSecond,
        @DefaultValue("1000") @Min(10) int sendQueue,
        @DefaultValue("10s") Duration authTimeout,
        @DefaultValue("5m") Duration idleTimeout,
        @DefaultValue("30s") Duration pingInterval,
        @DefaultValue("1000") @Min(10) int eventWindowSize,
        @DefaultValue("10m") Duration eventWindowAge) {
}
