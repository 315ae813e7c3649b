package dev.starkbot.user;

import java.util.Optional;

/**
 * Resolves a credential presented outside the HTTP filter chain (the WebSocket upgrade, its {@code auth} frame):
 * a session token or API key as sent in {@code Authorization: Bearer}, or the dashboard's session cookie value.
 */
public interface Credentials {

    Optional<Principal> bearer(String token);

    Optional<Principal> sessionCookie(String value);

    /** The dashboard's session cookie name, for clients of the WebSocket upgrade. */
    String cookieName();
}
