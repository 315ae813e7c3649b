package dev.starkbot.shared;

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

    public static @Nullable String current() {
        return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
                ? of(attributes.getRequest()) : null;
    }

    public static String of(HttpServletRequest request) {
        String address = request.getRemoteAddr();
        return address == null ? "unknown" : address;
    }
}
