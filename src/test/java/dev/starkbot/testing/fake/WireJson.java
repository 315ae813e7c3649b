package dev.starkbot.testing.fake;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.random.RandomGenerator;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** JSON, ids and text splitting shared by the LLM fakes. */
final class WireJson {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final RandomGenerator RANDOM = new SecureRandom();

    /** The request fields whose text counts towards a prompt's size. */
    private static final Set<String> PROMPT_FIELDS = Set.of("system", "messages", "tools");

    private WireJson() {
    }

    static ObjectNode object() {
        return JSON.createObjectNode();
    }

    static String write(JsonNode node) {
        return JSON.writeValueAsString(node);
    }

    static JsonNode read(String json) {
        return JSON.readTree(json);
    }

    /** An id in the style both vendors use: a prefix and random base-62 characters. */
    static String id(String prefix, int length) {
        var id = new StringBuilder(prefix);
        for (int i = 0; i < length; i++) {
            id.append(BASE62.charAt(RANDOM.nextInt(BASE62.length())));
        }
        return id.toString();
    }

    /**
     * A deterministic stand-in for a tokenizer: a quarter of the characters of every string in the system
     * prompt, messages and tools, rounded up per string, plus 3 per message for its framing. Tests that assert
     * on counts can compute the same number; it is deliberately not jtokkit's count, so that a test can tell the
     * provider's figure from StarkBot's own estimate.
     */
    static long estimateTokens(JsonNode request) {
        long tokens = 3L * request.path("messages").size();
        for (String field : PROMPT_FIELDS) {
            tokens += textTokens(request.path(field));
        }
        return tokens;
    }

    private static long textTokens(JsonNode node) {
        if (node.isString()) {
            return (node.stringValue().length() + 3) / 4;
        }
        long tokens = 0;
        for (JsonNode child : node.values()) {
            tokens += textTokens(child);
        }
        return tokens;
    }

    /**
     * Splits text the way model streams do, before each whitespace ({@code "Hello there"} becomes {@code "Hello"},
     * {@code " there"}), and always into at least two pieces when it has two characters, so that a client sees
     * several deltas.
     */
    static List<String> words(String text) {
        List<String> pieces = new ArrayList<>(List.of(text.split("(?=\\s)")));
        if (pieces.size() == 1 && text.length() > 1) {
            int middle = text.offsetByCodePoints(0, text.codePointCount(0, text.length()) / 2);
            pieces = List.of(text.substring(0, middle), text.substring(middle));
        }
        return pieces;
    }

    /** Splits text into pieces of {@code size} code points, as tool-argument JSON arrives. */
    static List<String> fixed(String text, int size) {
        List<String> pieces = new ArrayList<>();
        int start = 0;
        while (start < text.length()) {
            int end = text.offsetByCodePoints(start, Math.min(size, text.codePointCount(start, text.length())));
            pieces.add(text.substring(start, end));
            start = end;
        }
        return pieces;
    }
}
