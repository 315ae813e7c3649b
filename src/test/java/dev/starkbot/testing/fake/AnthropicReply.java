package dev.starkbot.testing.fake;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What {@link FakeAnthropicServer} answers to one {@code POST /v1/messages}. A reply is streamed when the request
 * says {@code "stream": true} and sent as one JSON message otherwise.
 *
 * <p>The events of a streamed {@link Text}, counted from 0 as {@link StreamFault} counts them: 0
 * {@code message_start}, 1 {@code content_block_start}, 2 {@code ping}, then one {@code content_block_delta} per
 * piece of text (split before each whitespace, at least two pieces), then {@code content_block_stop},
 * {@code message_delta}, {@code message_stop}. A {@link ToolUse} has the same head, with the text block (when
 * there is leading text) and then per tool a {@code content_block_start}, an empty {@code input_json_delta}, one
 * {@code input_json_delta} per 8 characters of input, a {@code content_block_stop}.
 */
public sealed interface AnthropicReply {

    /**
     * Token counts as {@code message_start} (input and cache) and {@code message_delta} (output) report them.
     * Replies built without one estimate input from the request (see {@link FakeAnthropicServer#countTokens}) and
     * count one output token per text piece.
     */
    record Usage(long inputTokens, long cacheCreationInputTokens, long cacheReadInputTokens, long outputTokens) {
    }

    /** @param usage null to estimate it */
    record Text(String text, String stopReason, Usage usage) implements AnthropicReply {
        public Text {
            Objects.requireNonNull(text);
            Objects.requireNonNull(stopReason);
        }
    }

    /** @param leadingText text before the tool calls, empty for none; @param usage null to estimate it */
    record ToolUse(String leadingText, List<ToolCall> calls, Usage usage) implements AnthropicReply {
        public ToolUse {
            Objects.requireNonNull(leadingText);
            calls = List.copyOf(calls);
            if (calls.isEmpty()) {
                throw new IllegalArgumentException("A tool-use reply needs at least one call");
            }
        }
    }

    /** Sends a recorded transcript byte for byte, whatever the request asked; streaming requests only. */
    record Replay(Path transcript) implements AnthropicReply {
    }

    /** An error response before any stream starts, with Anthropic's error body and the given extra headers. */
    record HttpError(int status, String errorType, String message, Map<String, String> headers)
            implements AnthropicReply {
        public HttpError {
            headers = Map.copyOf(headers);
        }
    }

    /**
     * Status 200, {@code message_start}, {@code content_block_start}, {@code ping}, two text deltas, then
     * {@code event: error} with Anthropic's error body, then the end of the response. A non-streaming request gets
     * the HTTP error that the type stands for instead (overloaded_error is 529).
     */
    record ErrorEvent(String errorType, String message) implements AnthropicReply {
    }

    /** Reads the request, then sends nothing at all, not even a status line, for the duration; then hangs up. */
    record Stall(Duration duration) implements AnthropicReply {
    }

    /** The reply, sent with a fault. */
    record Faulty(AnthropicReply reply, StreamFault fault) implements AnthropicReply {
    }

    /** The reply with a pause between events (or before the body, when not streaming). */
    record Paced(AnthropicReply reply, Duration delay) implements AnthropicReply {
    }

    public static AnthropicReply text(String text) {
        return new Text(text, "end_turn", null);
    }

    public static AnthropicReply text(String text, Usage usage) {
        return new Text(text, "end_turn", usage);
    }

    /** A reply cut short by the request's max_tokens. */
    public static AnthropicReply maxTokens(String text) {
        return new Text(text, "max_tokens", null);
    }

    public static AnthropicReply toolUse(String leadingText, String toolUseId, String toolName, String inputJson) {
        return new ToolUse(leadingText, List.of(new ToolCall(toolUseId, toolName, inputJson)), null);
    }

    public static AnthropicReply toolUse(String leadingText, List<ToolCall> calls, Usage usage) {
        return new ToolUse(leadingText, calls, usage);
    }

    public static AnthropicReply replay(Path transcript) {
        return new Replay(transcript);
    }

    public static AnthropicReply httpError(int status, String errorType, String message, Map<String, String> headers) {
        return new HttpError(status, errorType, message, headers);
    }

    /** 429 rate_limit_error with {@code retry-after} in whole seconds, as Anthropic sends it. */
    public static AnthropicReply rateLimited(int retryAfterSeconds) {
        return httpError(429, "rate_limit_error", AnthropicErrors.defaultMessage("rate_limit_error"),
                Map.of("retry-after", Integer.toString(retryAfterSeconds)));
    }

    /** 529 overloaded_error, which Anthropic sends without retry-after. */
    public static AnthropicReply overloaded() {
        return httpError(529, "overloaded_error", "Overloaded", Map.of());
    }

    public static AnthropicReply errorEvent(String errorType) {
        return new ErrorEvent(errorType, AnthropicErrors.defaultMessage(errorType));
    }

    public static AnthropicReply cutAfter(AnthropicReply reply, int events) {
        return new Faulty(reply, new StreamFault.Cut(events));
    }

    public static AnthropicReply malformedAfter(AnthropicReply reply, int events) {
        return new Faulty(reply, new StreamFault.Malformed(events));
    }

    public static AnthropicReply truncatedAfter(AnthropicReply reply, int events) {
        return new Faulty(reply, new StreamFault.Truncated(events));
    }

    public static AnthropicReply stall(Duration duration) {
        return new Stall(duration);
    }

    public static AnthropicReply paced(AnthropicReply reply, Duration delayBetweenEvents) {
        return new Paced(reply, delayBetweenEvents);
    }
}
