package dev.starkbot.schedule.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.convert.DurationStyle;

import dev.starkbot.shared.InvalidField;
import tools.jackson.databind.JsonNode;

/**
 * The parameters of an {@code http} task, read from its JSON with every problem reported against its field.
 *
 * @param timeout for the whole exchange, the response body included
 */
record HttpTaskParams(String method, URI url, Map<String, String> headers, @Nullable String body, Duration timeout) {

    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE");
    private static final Set<String> FIELDS = Set.of("method", "url", "headers", "body", "timeout");
    /** The JDK's client sets these itself and refuses them; saying so at save time beats a failed run. */
    private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "expect", "host", "upgrade",
            "transfer-encoding", "te", "trailer", "keep-alive", "proxy-connection");
    private static final int MAX_HEADERS = 50;

    /** @return the parameters, or null when {@code errors} received why not */
    static @Nullable HttpTaskParams parse(JsonNode params, Duration maxTimeout, List<InvalidField> errors) {
        int before = errors.size();
        params.propertyNames().stream().filter(name -> !FIELDS.contains(name)).forEach(name -> errors.add(
                new InvalidField(name, "is not a parameter of http tasks; they are " + FIELDS)));
        String method = text(params, "method", errors);
        method = method == null ? "GET" : method.toUpperCase(Locale.ROOT);
        if (!METHODS.contains(method)) {
            errors.add(new InvalidField("method", "must be one of GET, HEAD, POST, PUT, PATCH, DELETE"));
        }
        URI url = url(text(params, "url", errors), errors);
        Map<String, String> headers = headers(params.path("headers"), errors);
        String body = text(params, "body", errors);
        if (body != null && (method.equals("GET") || method.equals("HEAD"))) {
            errors.add(new InvalidField("body", "a " + method + " request has no body"));
        }
        Duration timeout = timeout(text(params, "timeout", errors), maxTimeout, errors);
        return errors.size() > before || url == null ? null
                : new HttpTaskParams(method, url, headers, body, timeout);
    }

    private static @Nullable String text(JsonNode params, String field, List<InvalidField> errors) {
        JsonNode value = params.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        if (!value.isString()) {
            errors.add(new InvalidField(field, "must be a string"));
            return null;
        }
        return value.asString();
    }

    private static @Nullable URI url(@Nullable String text, List<InvalidField> errors) {
        if (text == null || text.isBlank()) {
            errors.add(new InvalidField("url", "is required"));
            return null;
        }
        try {
            URI url = new URI(text.strip());
            String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                errors.add(new InvalidField("url", "must be an http or https URL"));
            } else if (url.getHost() == null) {
                errors.add(new InvalidField("url", "has no host"));
            } else if (url.getRawUserInfo() != null) {
                errors.add(new InvalidField("url", "must not carry credentials; send them in a header such as "
                        + "Authorization"));
            } else if (text.length() > 2000) {
                errors.add(new InvalidField("url", "is longer than 2000 characters"));
            } else {
                return url;
            }
        } catch (URISyntaxException e) {
            errors.add(new InvalidField("url", "is not a valid URL: " + e.getReason()));
        }
        return null;
    }

    private static Map<String, String> headers(JsonNode node, List<InvalidField> errors) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (node.isMissingNode() || node.isNull()) {
            return headers;
        }
        if (!node.isObject()) {
            errors.add(new InvalidField("headers", "must be an object of header names and values"));
            return headers;
        }
        if (node.size() > MAX_HEADERS) {
            errors.add(new InvalidField("headers", "has more than " + MAX_HEADERS + " headers"));
        }
        for (Map.Entry<String, JsonNode> header : node.properties()) {
            String name = header.getKey();
            String field = "headers." + name;
            if (!name.matches("[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}")) {
                errors.add(new InvalidField(field, "is not a valid header name"));
            } else if (RESTRICTED.contains(name.toLowerCase(Locale.ROOT))) {
                errors.add(new InvalidField(field, "is set by StarkBot's HTTP client and cannot be given"));
            } else if (!header.getValue().isString()) {
                errors.add(new InvalidField(field, "must be a string"));
            } else if (header.getValue().asString().chars().anyMatch(c -> c == '\r' || c == '\n' || c == 0)) {
                errors.add(new InvalidField(field, "must not contain line breaks"));
            } else {
                headers.put(name, header.getValue().asString());
            }
        }
        return headers;
    }

    private static Duration timeout(@Nullable String text, Duration max, List<InvalidField> errors) {
        Duration fallback = DEFAULT_TIMEOUT.compareTo(max) > 0 ? max : DEFAULT_TIMEOUT;
        if (text == null) {
            return fallback;
        }
        try {
            Duration timeout = DurationStyle.detectAndParse(text.strip());
            if (timeout.compareTo(Duration.ofSeconds(1)) < 0 || timeout.compareTo(max) > 0) {
                errors.add(new InvalidField("timeout", "must be 1s to " + ScheduleRules.human(max)));
            }
            return timeout;
        } catch (IllegalArgumentException e) {
            errors.add(new InvalidField("timeout", "'" + text + "' is not a duration such as 10s or PT10S"));
            return fallback;
        }
    }

    /** The URL's host as a resolver takes it: an IPv6 literal without its brackets. */
    String host() {
        String host = url.getHost();
        return host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    }
}
