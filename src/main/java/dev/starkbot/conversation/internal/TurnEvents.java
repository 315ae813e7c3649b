package dev.starkbot.conversation.internal;

import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.starkbot.ai.AiException;
import dev.starkbot.ai.ChatSink;
import dev.starkbot.ai.ContentBlock;
import dev.starkbot.ai.ModelRef;
import dev.starkbot.ai.StopReason;
import dev.starkbot.conversation.ChatEvent;
import dev.starkbot.conversation.Message;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A turn's events, in the one shape both doors use: the SSE response and the WebSocket {@code chat} topic. Every
 * event names its conversation and turn, so a client following several conversations can tell them apart.
 */
final class TurnEvents implements ChatSink {

    private static final Logger log = LoggerFactory.getLogger(TurnEvents.class);
    private static final JsonMapper JSON = JsonMapper.shared();

    private final String ownerId;
    private final String conversationId;
    private final String turnId;
    private final Consumer<ChatEvent> emit;

    TurnEvents(String ownerId, String conversationId, String turnId, Consumer<ChatEvent> emit) {
        this.ownerId = ownerId;
        this.conversationId = conversationId;
        this.turnId = turnId;
        this.emit = emit;
    }

    @Override
    public void delta(String text) {
        send("delta", data().put("text", text));
    }

    @Override
    public void toolCall(ContentBlock.ToolUse call) {
        ObjectNode data = data().put("id", call.id()).put("name", call.name());
        try {
            data.set("input", JSON.readTree(call.input().isBlank() ? "{}" : call.input()));
        } catch (RuntimeException e) {
            // a model's malformed arguments are shown as they came; the tool itself will refuse them
            data.put("input", call.input());
        }
        send("tool_call", data);
    }

    @Override
    public void status(String message) {
        send("status", data().put("message", message));
    }

    void toolResult(ContentBlock.ToolResult result) {
        send("tool_result", data().put("toolUseId", result.toolUseId()).put("content", result.content())
                .put("error", result.error()));
    }

    void usage(Message.Usage usage, ModelRef model) {
        send("usage", data().put("model", model.toString()).put("inputTokens", usage.inputTokens())
                .put("outputTokens", usage.outputTokens()).put("cacheReadTokens", usage.cacheReadTokens())
                .put("cacheWriteTokens", usage.cacheWriteTokens()).put("costUsd", usage.costUsd()));
    }

    void message(Message message) {
        ObjectNode data = data();
        data.set("message", JSON.valueToTree(message));
        send("message", data);
    }

    void notice(Message message) {
        ObjectNode data = data().put("text", message.text());
        data.set("message", JSON.valueToTree(message));
        send("notice", data);
    }

    void done(StopReason stop, Message.Usage usage) {
        ObjectNode data = data().put("stopReason", stop.id());
        data.set("usage", JSON.valueToTree(usage));
        send("done", data);
    }

    void error(AiException e) {
        ObjectNode data = data().put("type", e.type()).put("detail", e.getMessage())
                .put("retryable", e.kind().retryable());
        e.retryAfter().ifPresent(wait -> data.put("retryAfterMs", wait.toMillis()));
        send("error", data);
    }

    private ObjectNode data() {
        return JSON.createObjectNode().put("conversationId", conversationId).put("turnId", turnId);
    }

    /** A listener that fails (a closed SSE response) must not break the turn: the reply is still stored. */
    private void send(String type, ObjectNode data) {
        try {
            emit.accept(new ChatEvent(ownerId, conversationId, type, data));
        } catch (RuntimeException e) {
            log.debug("Event listener failed: {}", e.toString());
        }
    }
}
