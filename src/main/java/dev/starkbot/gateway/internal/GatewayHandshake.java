package dev.starkbot.gateway.internal;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;

import dev.starkbot.user.Credentials;
import dev.starkbot.web.ProblemTypes;
import dev.starkbot.user.Principal;

/**
 * Authenticates at the upgrade when the client can: {@code Authorization: Bearer} (scripts, apps), or the
 * dashboard's session cookie, accepted only from a page of StarkBot's own origin, since any site a user visits
 * could otherwise open a socket that carries their cookie. A credential that does not resolve is refused with 401
 * here; a client with none may still authenticate with its first frame. Tokens in the URL are never read.
 */
class GatewayHandshake implements HandshakeInterceptor {

    static final String PRINCIPAL = GatewayHandshake.class.getName() + ".principal";
    static final String CREDENTIAL = GatewayHandshake.class.getName() + ".credential";

    private final Credentials credentials;

    GatewayHandshake(Credentials credentials) {
        this.credentials = credentials;
    }

    @Override
    public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response,
                                   WebSocketHandler handler, Map<String, Object> attributes) {
        HttpHeaders headers = request.getHeaders();
        String authorization = headers.getFirst(HttpHeaders.AUTHORIZATION);
        Optional<Principal> principal = Optional.empty();
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String token = authorization.substring(7).strip();
            principal = credentials.bearer(token);
            attributes.put(CREDENTIAL, (Supplier<Optional<Principal>>) () -> credentials.bearer(token));
            if (principal.isEmpty()) {
                refuse(response, HttpStatus.UNAUTHORIZED, "unauthenticated",
                        "The credential is invalid, expired or revoked");
                return false;
            }
        } else {
            String cookie = cookie(headers.getOrEmpty(HttpHeaders.COOKIE), credentials.cookieName());
            if (cookie != null) {
                if (!sameOrigin(request, headers.getOrigin())) {
                    refuse(response, HttpStatus.FORBIDDEN, "forbidden",
                            "The session cookie is accepted only from StarkBot's own pages");
                    return false;
                }
                principal = credentials.sessionCookie(cookie);
                String value = cookie;
                attributes.put(CREDENTIAL, (Supplier<Optional<Principal>>) () -> credentials.sessionCookie(value));
            }
        }
        principal.ifPresent(p -> attributes.put(PRINCIPAL, p));
        return true;
    }

    @Override
    public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
                               Exception exception) {
    }

    /** A refused upgrade is an HTTP error like any other: a problem document. */
    private static void refuse(ServerHttpResponse response, HttpStatus status, String type, String detail) {
        response.setStatusCode(status);
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        if (status == HttpStatus.UNAUTHORIZED) {
            response.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"starkbot\"");
        }
        String body = "{\"type\":\"" + ProblemTypes.of(type) + "\",\"title\":\"" + status.getReasonPhrase()
                + "\",\"status\":" + status.value() + ",\"detail\":\"" + detail + "\"}";
        try {
            response.getBody().write(body.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // The client is gone; the status is all there was to say.
        }
    }

    private static boolean sameOrigin(ServerHttpRequest request, String origin) {
        if (origin == null) {
            return false;
        }
        URI own = request.getURI();
        String host = request.getHeaders().getFirst(HttpHeaders.HOST);
        String scheme = own.getScheme().equals("wss") || own.getScheme().equals("https") ? "https" : "http";
        return origin.equalsIgnoreCase(scheme + "://" + host);
    }

    private static String cookie(List<String> headers, String name) {
        for (String header : headers) {
            for (String part : header.split(";")) {
                String[] pair = part.strip().split("=", 2);
                if (pair.length == 2 && pair[0].equals(name) && !pair[1].isBlank()) {
                    return pair[1];
                }
            }
        }
        return null;
    }
}
