package dev.starkbot.web;

import jakarta.servlet.http.HttpServletRequest;

/**
 * A route whose requests may be larger than {@code starkbot.http.max-body-size} (a file upload), declared by the
 * module that serves it, which also owns the setting of how large. Every other request keeps the general limit.
 */
public interface LargeBodyRoute {

    /** Whether this route serves the request (method and path). */
    boolean matches(HttpServletRequest request);

    /** The largest body accepted on this route, in bytes. */
    long maxBodyBytes();
}
