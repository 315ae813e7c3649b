package dev.starkbot.observability.internal;

import java.io.IOException;
import java.util.UUID;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import dev.starkbot.observability.RequestIds;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Gives every request an id, echoed in {@code X-Request-Id} and put in the logging context. A caller's own id is
 * kept when it is sane: short, and made of characters that cannot forge log lines or headers (no CR/LF, no
 * quotes); anything else is replaced, never trusted.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestIdFilter extends OncePerRequestFilter {

    /** The error page renders after this filter has returned, so it reads the id from here. */
    static final String ATTRIBUTE = RequestIdFilter.class.getName() + ".id";
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:@+=/-]{1,128}");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        // An error dispatch (the error page) belongs to the request that failed and keeps its id.
        String id = of(request) != null ? of(request) : saneOrNew(request.getHeader(RequestIds.HEADER));
        request.setAttribute(ATTRIBUTE, id);
        response.setHeader(RequestIds.HEADER, id);
        MDC.put(RequestIds.MDC_KEY, id);
        try {
            chain.doFilter(request, response);
        } finally {
            MDC.remove(RequestIds.MDC_KEY);
        }
    }

    // Async and error dispatches of the same request must log under its id too.
    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return false;
    }

    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return false;
    }

    static String saneOrNew(@Nullable String incoming) {
        return incoming != null && SANE.matcher(incoming).matches() ? incoming : UUID.randomUUID().toString();
    }

    static @Nullable String of(HttpServletRequest request) {
        return request.getAttribute(ATTRIBUTE) instanceof String id ? id : null;
    }
}
