package dev.starkbot.testing.fake;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Renders a scripted reply into Anthropic's wire format: the SSE events of a streamed message, or the JSON of a
 * whole one. Field order and values follow the documented transcripts in specs/anthropic.
 */
final class AnthropicEvents {

    /** Characters of tool input per input_json_delta. */
    private static final int INPUT_PIECE = 8;

    private final String messageId = WireJson.id("msg_01", 22);
    private final String model;
    private final long estimatedInputTokens;
    private final List<SseEvent> events = new ArrayList<>();
    private int blocks;

    AnthropicEvents(String model, long estimatedInputTokens) {
        this.model = model;
        this.estimatedInputTokens = estimatedInputTokens;
    }

    List<SseEvent> stream(AnthropicReply.Text text) {
        List<String> pieces = WireJson.words(text.text());
        var usage = usage(text.usage(), pieces.size());
        messageStart(usage);
        textBlock(pieces);
        return finish(text.stopReason(), usage);
    }

    List<SseEvent> stream(AnthropicReply.ToolUse toolUse) {
        List<String> pieces = toolUse.leadingText().isEmpty() ? List.of() : WireJson.words(toolUse.leadingText());
        var usage = usage(toolUse.usage(), outputPieces(toolUse));
        messageStart(usage);
        if (!pieces.isEmpty()) {
            textBlock(pieces);
        }
        for (ToolCall call : toolUse.calls()) {
            toolBlock(call);
        }
        return finish("tool_use", usage);
    }

    List<SseEvent> stream(AnthropicReply.ErrorEvent error) {
        messageStart(usage(null, 2));
        int index = blocks++;
        blockStart(index, WireJson.object().put("type", "text").put("text", ""));
        for (String piece : List.of("Let me", " think")) {
            ObjectNode delta = WireJson.object().put("type", "text_delta").put("text", piece);
            emit("content_block_delta", blockEvent("content_block_delta", index).set("delta", delta));
        }
        events.add(SseEvent.named("error", AnthropicErrors.eventData(error.errorType(), error.message())));
        return events;
    }

    /** The whole message a non-streaming request gets. */
    String message(AnthropicReply reply) {
        ObjectNode message = messageHead();
        ArrayNode content = message.putArray("content");
        AnthropicReply.Usage usage;
        String stopReason;
        switch (reply) {
            case AnthropicReply.Text text -> {
                content.addObject().put("type", "text").put("text", text.text());
                usage = usage(text.usage(), WireJson.words(text.text()).size());
                stopReason = text.stopReason();
            }
            case AnthropicReply.ToolUse toolUse -> {
                if (!toolUse.leadingText().isEmpty()) {
                    content.addObject().put("type", "text").put("text", toolUse.leadingText());
                }
                for (ToolCall call : toolUse.calls()) {
                    content.addObject().put("type", "tool_use").put("id", call.id()).put("name", call.name())
                            .set("input", WireJson.read(call.inputJson()));
                }
                usage = usage(toolUse.usage(), outputPieces(toolUse));
                stopReason = "tool_use";
            }
            default -> throw new IllegalArgumentException("Not a message: " + reply);
        }
        message.put("stop_reason", stopReason).putNull("stop_sequence");
        message.set("usage", usageNode(usage, usage.outputTokens()));
        return WireJson.write(message);
    }

    private static long outputPieces(AnthropicReply.ToolUse toolUse) {
        long pieces = toolUse.leadingText().isEmpty() ? 0 : WireJson.words(toolUse.leadingText()).size();
        for (ToolCall call : toolUse.calls()) {
            pieces += WireJson.fixed(call.inputJson(), INPUT_PIECE).size();
        }
        return pieces;
    }

    private AnthropicReply.Usage usage(AnthropicReply.Usage scripted, long outputPieces) {
        return scripted != null ? scripted : new AnthropicReply.Usage(estimatedInputTokens, 0, 0, outputPieces);
    }

    private ObjectNode messageHead() {
        return WireJson.object().put("id", messageId).put("type", "message").put("role", "assistant")
                .put("model", model);
    }

    private void messageStart(AnthropicReply.Usage usage) {
        ObjectNode message = messageHead();
        message.putArray("content");
        message.putNull("stop_reason").putNull("stop_sequence");
        // Like the real API: message_start reports the input side and a placeholder of 1 output token.
        message.set("usage", usageNode(usage, 1));
        emit("message_start", WireJson.object().put("type", "message_start").set("message", message));
    }

    private static ObjectNode usageNode(AnthropicReply.Usage usage, long outputTokens) {
        return WireJson.object().put("input_tokens", usage.inputTokens())
                .put("cache_creation_input_tokens", usage.cacheCreationInputTokens())
                .put("cache_read_input_tokens", usage.cacheReadInputTokens())
                .put("output_tokens", outputTokens);
    }

    private void textBlock(List<String> pieces) {
        int index = blocks++;
        blockStart(index, WireJson.object().put("type", "text").put("text", ""));
        for (String piece : pieces) {
            ObjectNode delta = WireJson.object().put("type", "text_delta").put("text", piece);
            emit("content_block_delta", blockEvent("content_block_delta", index).set("delta", delta));
        }
        emit("content_block_stop", blockEvent("content_block_stop", index));
    }

    private void toolBlock(ToolCall call) {
        int index = blocks++;
        ObjectNode block = WireJson.object().put("type", "tool_use").put("id", call.id()).put("name", call.name());
        block.putObject("input");
        blockStart(index, block);
        // The API opens every tool input with an empty partial_json, as the documented transcript shows.
        List<String> pieces = new ArrayList<>(List.of(""));
        pieces.addAll(WireJson.fixed(call.inputJson(), INPUT_PIECE));
        for (String piece : pieces) {
            ObjectNode delta = WireJson.object().put("type", "input_json_delta").put("partial_json", piece);
            emit("content_block_delta", blockEvent("content_block_delta", index).set("delta", delta));
        }
        emit("content_block_stop", blockEvent("content_block_stop", index));
    }

    private void blockStart(int index, ObjectNode block) {
        emit("content_block_start", blockEvent("content_block_start", index).set("content_block", block));
        if (index == 0) {
            emit("ping", WireJson.object().put("type", "ping"));
        }
    }

    private static ObjectNode blockEvent(String type, int index) {
        return WireJson.object().put("type", type).put("index", index);
    }

    private List<SseEvent> finish(String stopReason, AnthropicReply.Usage usage) {
        ObjectNode delta = WireJson.object().put("stop_reason", stopReason).putNull("stop_sequence");
        ObjectNode messageDelta = WireJson.object().put("type", "message_delta").set("delta", delta);
        messageDelta.putObject("usage").put("output_tokens", usage.outputTokens());
        emit("message_delta", messageDelta);
        emit("message_stop", WireJson.object().put("type", "message_stop"));
        return events;
    }

    private void emit(String event, ObjectNode data) {
        events.add(SseEvent.named(event, WireJson.write(data)));
    }
}
