package dev.starkbot.shared;

import java.net.InetAddress;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The client's address as the servlet container sees it. Behind a reverse proxy, set
 * {@code server.forward-headers-strategy=native} so that it is the client's, not the proxy's; StarkBot never
 * trusts {@code X-Forwarded-For} on its own, since any client can send it.
 */
public final class ClientAddress {

    private ClientAddress() {
    }

    private static final ThreadLocal<String> OVERRIDE = new ThreadLocal<>();

    public static @Nullable String current() {
        String override = OVERRIDE.get();
        if (override != null) {
            return override;
        }
        return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
                ? of(attributes.getRequest()) : null;
    }

    /**
     * Runs work for a client that is not the current HTTP request (a WebSocket call), so that throttles and the
     * audit log see that client's address.
     */
    public static <T> T as(String address, Supplier<T> work) {
        String previous = OVERRIDE.get();
        OVERRIDE.set(address);
        try {
            return work.get();
        } finally {
            if (previous == null) {
                OVERRIDE.remove();
            } else {
                OVERRIDE.set(previous);
            }
        }
    }

    /**
     * The address as a counting key for limits: an IPv6 client is counted by its /64, because one host usually
     * holds a whole /64 and could otherwise step through addresses to escape any per-address limit.
     */
    public static String limitKey(String address) {
        if (address.indexOf(':') < 0) {
            return address;
        }
        try {
            byte[] bytes = InetAddress.ofLiteral(address).getAddress();
            if (bytes.length != 16) {
                return address;
            }
            StringBuilder prefix = new StringBuilder();
            for (int i = 0; i < 8; i += 2) {
                prefix.append(Integer.toHexString(((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff))).append(':');
            }
            return prefix.append(":/64").toString();
        } catch (IllegalArgumentException e) {
            return address;
        }
    }

    public static String of(HttpServletRequest request) {
        String address = request.getRemoteAddr();
        return address == null ? "unknown" : address;
    }
}
