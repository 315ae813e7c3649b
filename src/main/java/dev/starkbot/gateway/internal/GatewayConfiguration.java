package dev.starkbot.gateway.internal;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.servlet.handler.SimpleUrlHandlerMapping;
import org.springframework.web.socket.server.support.DefaultHandshakeHandler;
import org.springframework.web.socket.server.support.OriginHandshakeInterceptor;
import org.springframework.web.socket.server.support.WebSocketHttpRequestHandler;

import dev.starkbot.gateway.GatewayProperties;
import dev.starkbot.user.Credentials;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.json.JsonMapper;

/**
 * Puts the JSON-RPC handler at {@code /ws} and runs the heartbeat: a ping to every client each
 * {@code pingInterval}, and a close (1001) for a client silent for {@code idleTimeout}.
 *
 * <p>The handler is mapped by hand rather than with {@code @EnableWebSocket}, whose SockJS task scheduler would
 * make Spring Boot drop its virtual-thread application task executor; and same-origin is enforced for browsers
 * (non-browser clients send no Origin).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class GatewayConfiguration implements DisposableBean {

    private final JsonRpcHandler handler;
    private final ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("ws-heartbeat").daemon().factory());

    GatewayConfiguration(GatewayProperties limits, RpcRegistry registry, RpcInvoker invoker, Credentials credentials,
                         JsonMapper json, EventHub events, MeterRegistry meters) {
        this.handler = new JsonRpcHandler(limits, registry, invoker, credentials, json, events);
        Gauge.builder("starkbot.gateway.connections", handler.connections, Map::size)
                .description("Open WebSocket connections to the control plane").register(meters);
        startHeartbeat(limits);
    }

    @Bean
    JsonRpcHandler jsonRpcHandler() {
        return handler;
    }

    @Bean
    WebSocketHttpRequestHandler gatewayRequestHandler(Credentials credentials) {
        WebSocketHttpRequestHandler requestHandler = new WebSocketHttpRequestHandler(handler,
                new DefaultHandshakeHandler());
        requestHandler.setHandshakeInterceptors(List.of(new OriginHandshakeInterceptor(),
                new GatewayHandshake(credentials)));
        return requestHandler;
    }

    @Bean
    SimpleUrlHandlerMapping gatewayHandlerMapping(WebSocketHttpRequestHandler gatewayRequestHandler) {
        SimpleUrlHandlerMapping mapping = new SimpleUrlHandlerMapping(Map.of("/ws", gatewayRequestHandler));
        mapping.setOrder(1);
        return mapping;
    }

    /** Not a bean: an Executor bean would make Spring Boot drop its own application task executor. */
    private void startHeartbeat(GatewayProperties limits) {
        // A short tick, so that the authentication deadline holds to within a fraction of itself; pings still go
        // out only every pingInterval.
        long tick = Math.max(50, Math.min(1000, limits.authTimeout().toMillis() / 4));
        heartbeat.scheduleAtFixedRate(() -> beat(limits), tick, tick, TimeUnit.MILLISECONDS);
    }

    @Override
    public void destroy() {
        heartbeat.shutdownNow();
    }

    private void beat(GatewayProperties limits) {
        for (Connection connection : handler.snapshot()) {
            if (!connection.authenticated() && connection.ageExceeds(limits.authTimeout())) {
                connection.close(new CloseStatus(1008, "Not authenticated within " + limits.authTimeout()
                        .toSeconds() + " s"));
            } else if (connection.silentFor().compareTo(limits.idleTimeout()) > 0) {
                connection.close(new CloseStatus(1001, "Idle for " + limits.idleTimeout().toSeconds() + " s"));
            } else if (connection.pingDue(limits.pingInterval())) {
                // Events reach only live credentials: a logout, a revoked key or a disabled account closes the
                // socket within one ping interval even if it makes no calls.
                if (connection.authenticated() && connection.revalidate().isEmpty()) {
                    connection.close(Connection.REVOKED);
                    continue;
                }
                connection.ping();
            }
        }
    }
}
