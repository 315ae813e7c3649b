package dev.starkbot.user.internal;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import dev.starkbot.shared.ClientAddress;
import dev.starkbot.shared.LiveProperties;
import dev.starkbot.user.RateLimitProperties;
import dev.starkbot.user.RateLimitProperties.Limit;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Token buckets (Bucket4j) per caller and endpoint group, answering with the {@code RateLimit-*} headers of the
 * IETF draft on every limited response and a 429 problem with {@code Retry-After} when a bucket is empty. Buckets
 * live in this process: behind several instances each enforces its own share.
 */
class RateLimitFilter extends OncePerRequestFilter {

    private final LiveProperties<RateLimitProperties> live;
    private final PermissionMatrix matrix;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    RateLimitFilter(LiveProperties<RateLimitProperties> live, PermissionMatrix matrix) {
        this.live = live;
        this.matrix = matrix;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !live.current().enabled();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        RateLimitProperties properties = live.current();
        String method = request.getMethod();
        String group = PermissionMatrix.rateGroup(
                matrix.find(request).orElse(null), method);
        Limit limit = switch (group) {
            case "auth" -> properties.auth();
            case "read" -> properties.read();
            default -> properties.write();
        };
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        // Getting-in endpoints are limited per address even for a signed-in caller, who would otherwise bring a
        // second budget of login attempts along with any valid token.
        String caller = auth instanceof PrincipalAuthentication principal && !group.equals("auth")
                ? "user:" + principal.getPrincipal().userId()
                : "address:" + ClientAddress.limitKey(ClientAddress.of(request));
        // The limit is part of the key, so a changed limit in config.toml starts fresh buckets at once.
        ConsumptionProbe probe = bucket(group + "|" + limit.capacity() + "/" + limit.period() + "|" + caller, limit)
                .tryConsumeAndReturnRemaining(1);
        response.setHeader("RateLimit-Limit", Long.toString(limit.capacity()));
        response.setHeader("RateLimit-Remaining", Long.toString(probe.getRemainingTokens()));
        response.setHeader("RateLimit-Reset", Long.toString(seconds(probe.getNanosToWaitForReset())));
        if (!probe.isConsumed()) {
            long retryAfter = Math.max(1, seconds(probe.getNanosToWaitForRefill()));
            response.setHeader("Retry-After", Long.toString(retryAfter));
            response.sendError(429, "Too many requests to this group of endpoints (" + group + "); retry in "
                    + retryAfter + " s");
            return;
        }
        chain.doFilter(request, response);
    }

    private Bucket bucket(String key, Limit limit) {
        Bucket bucket = buckets.get(key);
        if (bucket != null) {
            return bucket;
        }
        if (buckets.size() >= live.current().maxClients()) {
            evictIdle();
        }
        return buckets.computeIfAbsent(key, k -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(limit.capacity())
                        .refillGreedy(limit.capacity(), limit.period()).build())
                .build());
    }

    /**
     * A full bucket holds no state worth keeping: dropping it only forgets that the caller has been quiet. If
     * every bucket is in use (a flood of distinct addresses), all are dropped rather than letting memory grow.
     */
    private void evictIdle() {
        buckets.entrySet().removeIf(e -> e.getValue().getAvailableTokens() >= capacityOf(e.getKey()));
        if (buckets.size() >= live.current().maxClients()) {
            buckets.clear();
        }
    }

    private static long capacityOf(String key) {
        String limit = key.split("\\|")[1];
        return Long.parseLong(limit.substring(0, limit.indexOf('/')));
    }

    private static long seconds(long nanos) {
        return (nanos + TimeUnit.SECONDS.toNanos(1) - 1) / TimeUnit.SECONDS.toNanos(1);
    }
}
