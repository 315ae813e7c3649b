package dev.starkbot.testing.fake;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What {@link FakeOpenAiServer} answers to one {@code POST /v1/chat/completions}: streamed as
 * {@code chat.completion.chunk} events when the request says {@code "stream": true}, one {@code chat.completion}
 * otherwise.
 *
 * <p>The events of a streamed {@link Text}, counted from 0 as {@link StreamFault} counts them: 0 the role chunk
 * ({@code {"role":"assistant","content":""}}), then one content chunk per piece of text (split before each
 * whitespace, at least two pieces), then the chunk with an empty delta and the finish_reason, then, when the
 * request set {@code stream_options.include_usage}, the usage chunk with empty choices, then {@code data: [DONE]}.
 * A {@link ToolCalls} reply without leading text puts the first call's id, type and name in the role chunk; each
 * call then gets one chunk of arguments per 8 characters, and a further call starts with its own header chunk.
 */
public sealed interface OpenAiReply {

    /** Token counts of the usage object; replies built without one estimate them like the Anthropic fake does. */
    record Usage(long promptTokens, long completionTokens, long cachedTokens) {
    }

    /** @param finishReason stop, length or content_filter; @param usage null to estimate it */
    record Text(String text, String finishReason, Usage usage) implements OpenAiReply {
        public Text {
            Objects.requireNonNull(text);
            Objects.requireNonNull(finishReason);
        }
    }

    /** @param leadingText content before the calls, empty for none; @param usage null to estimate it */
    record ToolCalls(String leadingText, List<ToolCall> calls, Usage usage) implements OpenAiReply {
        public ToolCalls {
            Objects.requireNonNull(leadingText);
            calls = List.copyOf(calls);
            if (calls.isEmpty()) {
                throw new IllegalArgumentException("A tool-call reply needs at least one call");
            }
        }
    }

    /** Sends a recorded transcript byte for byte, whatever the request asked; streaming requests only. */
    record Replay(Path transcript) implements OpenAiReply {
    }

    /**
     * An error response before any stream starts: {@code {"error":{"message","type","param","code"}}}.
     *
     * @param code null for none, as OpenAI sends {@code "code": null}
     */
    record HttpError(int status, String type, String code, String message, Map<String, String> headers)
            implements OpenAiReply {
        public HttpError {
            headers = Map.copyOf(headers);
        }
    }

    /**
     * Status 200, the role chunk and two content chunks, then {@code data: {"error":{…}}} and the end of the
     * response without {@code [DONE]}, as OpenAI reports a failure after the stream has started. A non-streaming
     * request gets a 500 with the same error instead.
     */
    record ErrorEvent(String type, String message) implements OpenAiReply {
    }

    /** Reads the request, then sends nothing at all, not even a status line, for the duration; then hangs up. */
    record Stall(Duration duration) implements OpenAiReply {
    }

    /** The reply, sent with a fault. */
    record Faulty(OpenAiReply reply, StreamFault fault) implements OpenAiReply {
    }

    /** The reply with a pause between events (or before the body, when not streaming). */
    record Paced(OpenAiReply reply, Duration delay) implements OpenAiReply {
    }

    static OpenAiReply text(String text) {
        return new Text(text, "stop", null);
    }

    static OpenAiReply text(String text, Usage usage) {
        return new Text(text, "stop", usage);
    }

    /** A reply cut short by max_tokens / max_completion_tokens. */
    static OpenAiReply length(String text) {
        return new Text(text, "length", null);
    }

    static OpenAiReply toolUse(String leadingText, String callId, String toolName, String argumentsJson) {
        return new ToolCalls(leadingText, List.of(new ToolCall(callId, toolName, argumentsJson)), null);
    }

    /** Parallel tool calls, indexed 0, 1, … in the stream. */
    static OpenAiReply toolCalls(String leadingText, List<ToolCall> calls, Usage usage) {
        return new ToolCalls(leadingText, calls, usage);
    }

    static OpenAiReply replay(Path transcript) {
        return new Replay(transcript);
    }

    static OpenAiReply httpError(int status, String type, String code, String message, Map<String, String> headers) {
        return new HttpError(status, type, code, message, headers);
    }

    /**
     * 429 for a request-rate limit, with the given headers: OpenAI sends {@code retry-after} (seconds) and the
     * SDKs also honour {@code retry-after-ms}.
     */
    static OpenAiReply rateLimited(Map<String, String> headers) {
        return httpError(429, "requests", "rate_limit_exceeded", "Rate limit reached for gpt-4o-mini in organization "
                + "org-fake on requests per min (RPM): Limit 3, Used 3, Requested 1. Please try again in 20s. Visit "
                + "https://platform.openai.com/account/rate-limits to learn more.", headers);
    }

    /** 429 for an exhausted quota: waiting does not help, though the status alone says "retry". */
    static OpenAiReply insufficientQuota() {
        return httpError(429, "insufficient_quota", "insufficient_quota", "You exceeded your current quota, please "
                + "check your plan and billing details. For more information on this error, read the docs: "
                + "https://platform.openai.com/docs/guides/error-codes/api-errors.", Map.of());
    }

    static OpenAiReply serverError(int status) {
        return httpError(status, "server_error", null,
                "The server had an error while processing your request. Sorry about that!", Map.of());
    }

    static OpenAiReply errorEvent(String type, String message) {
        return new ErrorEvent(type, message);
    }

    static OpenAiReply cutAfter(OpenAiReply reply, int events) {
        return new Faulty(reply, new StreamFault.Cut(events));
    }

    static OpenAiReply malformedAfter(OpenAiReply reply, int events) {
        return new Faulty(reply, new StreamFault.Malformed(events));
    }

    static OpenAiReply truncatedAfter(OpenAiReply reply, int events) {
        return new Faulty(reply, new StreamFault.Truncated(events));
    }

    static OpenAiReply stall(Duration duration) {
        return new Stall(duration);
    }

    static OpenAiReply paced(OpenAiReply reply, Duration delayBetweenEvents) {
        return new Paced(reply, delayBetweenEvents);
    }
}
