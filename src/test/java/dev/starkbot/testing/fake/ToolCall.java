package dev.starkbot.testing.fake;

import java.util.Objects;

/**
 * A tool call a fake model makes.
 *
 * @param id        the call's id ({@code toolu_…} for Anthropic, {@code call_…} for OpenAI)
 * @param name      the tool's name
 * @param inputJson the arguments as a JSON object, streamed to the client in several pieces
 */
public record ToolCall(String id, String name, String inputJson) {

    public ToolCall {
        Objects.requireNonNull(id);
        Objects.requireNonNull(name);
        if (!WireJson.read(inputJson).isObject()) {
            throw new IllegalArgumentException("Tool input must be a JSON object: " + inputJson);
        }
    }
}
