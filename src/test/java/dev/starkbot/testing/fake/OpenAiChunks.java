package dev.starkbot.testing.fake;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Renders a scripted reply into OpenAI's chat-completions wire format: {@code chat.completion.chunk} events or a
 * whole {@code chat.completion}. Shapes follow what api.openai.com sends, extra fields included
 * ({@code service_tier}, {@code system_fingerprint}, {@code obfuscation}), so that the SDK's tolerance of them is
 * exercised too.
 */
final class OpenAiChunks {

    /** Characters of tool arguments per chunk. */
    private static final int ARGUMENT_PIECE = 8;

    private final String id = WireJson.id("chatcmpl-", 29);
    private final long created = Instant.now().getEpochSecond();
    private final String fingerprint = "fp_" + WireJson.id("", 10).toLowerCase(Locale.ROOT);
    private final String model;
    private final long estimatedPromptTokens;
    private final boolean includeUsage;
    private final List<SseEvent> events = new ArrayList<>();

    OpenAiChunks(String model, long estimatedPromptTokens, boolean includeUsage) {
        this.model = model;
        this.estimatedPromptTokens = estimatedPromptTokens;
        this.includeUsage = includeUsage;
    }

    List<SseEvent> stream(OpenAiReply.Text text) {
        List<String> pieces = WireJson.words(text.text());
        chunk(role().put("content", "").putNull("refusal"), null);
        pieces.forEach(piece -> chunk(WireJson.object().put("content", piece), null));
        return finish(text.finishReason(), usage(text.usage(), pieces.size()));
    }

    List<SseEvent> stream(OpenAiReply.ToolCalls toolCalls) {
        List<String> pieces = toolCalls.leadingText().isEmpty() ? List.of() : WireJson.words(toolCalls.leadingText());
        if (pieces.isEmpty()) {
            ObjectNode delta = role().putNull("content");
            delta.putArray("tool_calls").add(callHeader(0, toolCalls.calls().getFirst()));
            chunk(delta.putNull("refusal"), null);
        } else {
            chunk(role().put("content", "").putNull("refusal"), null);
            pieces.forEach(piece -> chunk(WireJson.object().put("content", piece), null));
        }
        for (int index = 0; index < toolCalls.calls().size(); index++) {
            ToolCall call = toolCalls.calls().get(index);
            if (index > 0 || !pieces.isEmpty()) {
                toolCallChunk(callHeader(index, call));
            }
            for (String piece : WireJson.fixed(call.inputJson(), ARGUMENT_PIECE)) {
                ObjectNode argument = WireJson.object().put("index", index);
                argument.putObject("function").put("arguments", piece);
                toolCallChunk(argument);
            }
        }
        return finish("tool_calls", usage(toolCalls.usage(), outputPieces(toolCalls)));
    }

    List<SseEvent> stream(OpenAiReply.ErrorEvent error) {
        chunk(role().put("content", "").putNull("refusal"), null);
        chunk(WireJson.object().put("content", "Let me"), null);
        chunk(WireJson.object().put("content", " think"), null);
        events.add(SseEvent.data(OpenAiErrors.body(error.type(), null, null, error.message())));
        return events;
    }

    /** The whole completion a non-streaming request gets. */
    String completion(OpenAiReply reply) {
        ObjectNode message = role();
        String finishReason;
        OpenAiReply.Usage usage;
        switch (reply) {
            case OpenAiReply.Text text -> {
                message.put("content", text.text());
                finishReason = text.finishReason();
                usage = usage(text.usage(), WireJson.words(text.text()).size());
            }
            case OpenAiReply.ToolCalls toolCalls -> {
                if (toolCalls.leadingText().isEmpty()) {
                    message.putNull("content");
                } else {
                    message.put("content", toolCalls.leadingText());
                }
                ArrayNode calls = message.putArray("tool_calls");
                for (ToolCall call : toolCalls.calls()) {
                    ObjectNode node = calls.addObject().put("id", call.id()).put("type", "function");
                    node.putObject("function").put("name", call.name()).put("arguments", call.inputJson());
                }
                finishReason = "tool_calls";
                usage = usage(toolCalls.usage(), outputPieces(toolCalls));
            }
            default -> throw new IllegalArgumentException("Not a completion: " + reply);
        }
        message.putNull("refusal").putArray("annotations");
        ObjectNode completion = head("chat.completion");
        ObjectNode choice = completion.putArray("choices").addObject().put("index", 0);
        choice.set("message", message);
        choice.putNull("logprobs").put("finish_reason", finishReason);
        completion.set("usage", usageNode(usage));
        completion.put("service_tier", "default").put("system_fingerprint", fingerprint);
        return WireJson.write(completion);
    }

    private static long outputPieces(OpenAiReply.ToolCalls toolCalls) {
        long pieces = toolCalls.leadingText().isEmpty() ? 0 : WireJson.words(toolCalls.leadingText()).size();
        for (ToolCall call : toolCalls.calls()) {
            pieces += WireJson.fixed(call.inputJson(), ARGUMENT_PIECE).size();
        }
        return pieces;
    }

    private OpenAiReply.Usage usage(OpenAiReply.Usage scripted, long completionPieces) {
        return scripted != null ? scripted : new OpenAiReply.Usage(estimatedPromptTokens, completionPieces, 0);
    }

    private static ObjectNode role() {
        return WireJson.object().put("role", "assistant");
    }

    private static ObjectNode callHeader(int index, ToolCall call) {
        ObjectNode header = WireJson.object().put("index", index).put("id", call.id()).put("type", "function");
        header.putObject("function").put("name", call.name()).put("arguments", "");
        return header;
    }

    private void toolCallChunk(ObjectNode toolCall) {
        ObjectNode delta = WireJson.object();
        delta.putArray("tool_calls").add(toolCall);
        chunk(delta, null);
    }

    private ObjectNode head(String object) {
        return WireJson.object().put("id", id).put("object", object).put("created", created).put("model", model);
    }

    private void chunk(ObjectNode delta, String finishReason) {
        ObjectNode chunk = head("chat.completion.chunk").put("service_tier", "default")
                .put("system_fingerprint", fingerprint);
        ObjectNode choice = chunk.putArray("choices").addObject().put("index", 0);
        choice.set("delta", delta);
        choice.putNull("logprobs").put("finish_reason", finishReason);
        emit(chunk);
    }

    private List<SseEvent> finish(String finishReason, OpenAiReply.Usage usage) {
        chunk(WireJson.object(), finishReason);
        if (includeUsage) {
            ObjectNode chunk = head("chat.completion.chunk").put("service_tier", "default")
                    .put("system_fingerprint", fingerprint);
            chunk.putArray("choices");
            chunk.set("usage", usageNode(usage));
            emit(chunk);
        }
        events.add(SseEvent.data("[DONE]"));
        return events;
    }

    private void emit(ObjectNode chunk) {
        if (includeUsage && !chunk.has("usage")) {
            chunk.putNull("usage"); // documented: every other chunk carries "usage": null
        }
        // api.openai.com pads chunks with random characters against length side channels.
        chunk.put("obfuscation", WireJson.id("", 1 + events.size() % 7));
        events.add(SseEvent.data(WireJson.write(chunk)));
    }

    private static ObjectNode usageNode(OpenAiReply.Usage usage) {
        ObjectNode node = WireJson.object().put("prompt_tokens", usage.promptTokens())
                .put("completion_tokens", usage.completionTokens())
                .put("total_tokens", usage.promptTokens() + usage.completionTokens());
        node.putObject("prompt_tokens_details").put("cached_tokens", usage.cachedTokens()).put("audio_tokens", 0);
        node.putObject("completion_tokens_details").put("reasoning_tokens", 0).put("audio_tokens", 0)
                .put("accepted_prediction_tokens", 0).put("rejected_prediction_tokens", 0);
        return node;
    }
}
