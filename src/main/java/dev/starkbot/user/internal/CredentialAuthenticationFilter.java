package dev.starkbot.user.internal;

import java.io.IOException;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import dev.starkbot.user.Access;
import dev.starkbot.user.Principal;
import dev.starkbot.user.Principal.CredentialKind;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Establishes who is calling from {@code Authorization: Bearer <session token or API key>} or, for the dashboard,
 * the session cookie. Tokens are only ever read from these two places, never from the URL. A credential that does
 * not resolve leaves the request anonymous; the permission matrix then decides, and the 401 says why.
 */
class CredentialAuthenticationFilter extends OncePerRequestFilter {

    static final String COOKIE = "starkbot_session";
    static final String REJECTED = CredentialAuthenticationFilter.class.getName() + ".rejected";

    private final SessionService sessions;
    private final ApiKeyService apiKeys;

    CredentialAuthenticationFilter(SessionService sessions, ApiKeyService apiKeys) {
        this.sessions = sessions;
        this.apiKeys = apiKeys;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String bearer = bearer(request);
        Optional<Principal> principal = Optional.empty();
        if (bearer != null) {
            principal = bearer.startsWith(Tokens.API_KEY_PREFIX) ? apiKeys.resolve(bearer)
                    : bearer.startsWith(Tokens.SESSION_PREFIX)
                    ? sessions.resolve(bearer, CredentialKind.SESSION_BEARER) : Optional.empty();
        } else {
            String cookie = sessionCookie(request);
            if (cookie != null) {
                principal = sessions.resolve(cookie, CredentialKind.SESSION_COOKIE);
            }
        }
        if (principal.isPresent()) {
            SecurityContextHolder.getContext().setAuthentication(new PrincipalAuthentication(principal.get()));
        } else if (bearer != null || sessionCookie(request) != null) {
            request.setAttribute(REJECTED, Boolean.TRUE);
        }
        chain.doFilter(request, response);
    }

    static @Nullable String bearer(HttpServletRequest request) {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String token = header.substring(7).strip();
        return token.isEmpty() ? null : token;
    }

    static @Nullable String sessionCookie(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return null;
        }
        for (Cookie cookie : cookies) {
            if (COOKIE.equals(cookie.getName()) && !cookie.getValue().isBlank()) {
                return cookie.getValue();
            }
        }
        return null;
    }

    /**
     * Only cookie-authenticated changes can be forged by another site; a request carrying its own bearer token
     * cannot, since no other site can attach it. Endpoints open to anyone (signing in, registering, setup) need no
     * token either: they act for nobody yet, a stale cookie must not block signing in, and they take JSON only,
     * which another site's form cannot send.
     */
    static boolean needsCsrfToken(HttpServletRequest request, PermissionMatrix matrix) {
        if (matrix.find(request).map(rule -> rule.access() == Access.PUBLIC).orElse(false)) {
            return false;
        }
        String method = request.getMethod();
        boolean safe = method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS")
                || method.equals("TRACE");
        return !safe && bearer(request) == null && sessionCookie(request) != null;
    }
}
