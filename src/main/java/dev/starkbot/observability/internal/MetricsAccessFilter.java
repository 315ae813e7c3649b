package dev.starkbot.observability.internal;

import java.io.IOException;

import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import dev.starkbot.observability.MetricsProperties;
import dev.starkbot.shared.LiveProperties;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Guards {@code /metrics} on the main port: it answers only with the configured bearer token, and not at all when
 * none is configured (secure by default). A separate management port is a different servlet context that this
 * filter does not reach; it is meant to be bound to loopback.
 */
@Component
class MetricsAccessFilter extends OncePerRequestFilter {

    private final LiveProperties<MetricsProperties> live;

    MetricsAccessFilter(LiveProperties<MetricsProperties> live) {
        this.live = live;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return !(path.equals("/metrics") || path.startsWith("/metrics/"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        MetricsProperties properties = live.current();
        if (properties.token() == null || properties.token().isBlank()) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND, "Metrics are not served on this port: set "
                    + "starkbot.metrics.token, or management.server.port for a separate loopback port");
            return;
        }
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        String presented = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
                ? header.substring(7).strip() : "";
        if (!properties.token().matches(presented)) {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"starkbot-metrics\"");
            response.sendError(HttpServletResponse.SC_UNAUTHORIZED, "A valid bearer token is required for metrics");
            return;
        }
        chain.doFilter(request, response);
    }
}
