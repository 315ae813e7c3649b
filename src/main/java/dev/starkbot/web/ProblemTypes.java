package dev.starkbot.web;

import java.net.URI;

/**
 * Problem type URIs. Clients switch on {@code type}, never on {@code title} or {@code detail}, so a slug, once
 * published, never changes meaning. docs/api.md lists them all.
 */
public final class ProblemTypes {

    public static final String BASE = "https://starkbot.dev/problems/";

    public static final String NOT_FOUND = "not-found";
    public static final String MALFORMED_REQUEST = "malformed-request";
    public static final String INVALID_REQUEST = "invalid-request";
    public static final String PAYLOAD_TOO_LARGE = "payload-too-large";
    public static final String UNSUPPORTED_MEDIA_TYPE = "unsupported-media-type";
    public static final String NOT_ACCEPTABLE = "not-acceptable";
    public static final String METHOD_NOT_ALLOWED = "method-not-allowed";
    public static final String UNAUTHENTICATED = "unauthenticated";
    public static final String FORBIDDEN = "forbidden";
    public static final String CONFLICT = "conflict";
    public static final String RATE_LIMITED = "rate-limited";
    public static final String UNAVAILABLE = "unavailable";
    public static final String INTERNAL_ERROR = "internal-error";

    private ProblemTypes() {
    }

    public static URI of(String slug) {
        return URI.create(BASE + slug);
    }
}
