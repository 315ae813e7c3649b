package dev.starkbot.testing.fake;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.MissingNode;

/**
 * One request as a fake server received it.
 *
 * @param method  the HTTP method, upper case
 * @param path    the request target's path, without the query
 * @param query   the raw query string, empty when there is none
 * @param headers header names lower-cased; a header sent several times has its values joined with ", " (RFC 9110)
 * @param body    the body decoded as UTF-8, empty when there is none
 * @param json    the body parsed as JSON; a {@link MissingNode} when it is empty or not JSON
 * @param bytes   the body as received, for binary bodies such as multipart uploads
 */
public record RecordedRequest(String method, String path, String query, Map<String, String> headers, String body,
        JsonNode json, byte[] bytes) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    public RecordedRequest {
        headers = Map.copyOf(headers);
    }

    static RecordedRequest of(String method, String target, Map<String, String> headers, byte[] body) {
        int question = target.indexOf('?');
        String path = question < 0 ? target : target.substring(0, question);
        String query = question < 0 ? "" : target.substring(question + 1);
        String text = new String(body, StandardCharsets.UTF_8);
        return new RecordedRequest(method, path, query, headers, text, parse(text), body);
    }

    /** The header's value, looked up case-insensitively. */
    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
    }

    /** Whether the JSON body has {@code "stream": true}, the switch both LLM APIs use for SSE. */
    public boolean streaming() {
        return json.path("stream").asBoolean(false);
    }

    private static JsonNode parse(String text) {
        if (text.isBlank()) {
            return MissingNode.getInstance();
        }
        try {
            return JSON.readTree(text);
        } catch (JacksonException notJson) {
            return MissingNode.getInstance();
        }
    }
}
