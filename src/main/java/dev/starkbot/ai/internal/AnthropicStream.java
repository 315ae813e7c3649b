package dev.starkbot.ai.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

import com.anthropic.models.messages.RawContentBlockStartEvent;
import com.anthropic.models.messages.RawMessageStreamEvent;

import dev.starkbot.ai.ChatResult;
import dev.starkbot.ai.ChatSink;
import dev.starkbot.ai.ContentBlock;
import dev.starkbot.ai.ModelRef;
import dev.starkbot.ai.StopReason;
import dev.starkbot.ai.TokenUsage;
import dev.starkbot.ai.spi.ProviderException;
import dev.starkbot.ai.spi.ProviderException.Failure;

/**
 * Folds one Messages API stream into a reply, event by event, so that whatever had arrived when the stream broke is
 * still there. (The SDK's MessageAccumulator would do the folding, but keeps nothing usable from a broken stream.)
 */
final class AnthropicStream implements StreamingCall.State<RawMessageStreamEvent> {

    private final ModelRef model;
    private final ChatSink sink;
    private final TreeMap<Long, Block> blocks = new TreeMap<>();
    private long input;
    private long output;
    private long cacheRead;
    private long cacheWrite;
    private @Nullable String stopReason;
    private boolean stopped;

    AnthropicStream(ModelRef model, ChatSink sink) {
        this.model = model;
        this.sink = sink;
    }

    @Override
    public void accept(RawMessageStreamEvent event) {
        if (event.isMessageStart()) {
            var usage = event.asMessageStart().message().usage();
            input = usage.inputTokens();
            output = usage.outputTokens();
            cacheRead = usage.cacheReadInputTokens().orElse(0L);
            cacheWrite = usage.cacheCreationInputTokens().orElse(0L);
        } else if (event.isContentBlockStart()) {
            var start = event.asContentBlockStart();
            Block block = Block.of(start.contentBlock());
            blocks.put(start.index(), block);
            if (block.toolId == null && !block.text.isEmpty()) {
                sink.delta(block.text.toString());
            }
        } else if (event.isContentBlockDelta()) {
            var delta = event.asContentBlockDelta();
            Block block = blocks.get(delta.index());
            if (block == null) {
                return;
            }
            if (delta.delta().isText()) {
                String text = delta.delta().asText().text();
                block.text.append(text);
                sink.delta(text);
            } else if (delta.delta().isInputJson()) {
                block.text.append(delta.delta().asInputJson().partialJson());
            }
        } else if (event.isContentBlockStop()) {
            Block block = blocks.get(event.asContentBlockStop().index());
            if (block != null && block.toolId != null) {
                block.complete = true;
                sink.toolCall((ContentBlock.ToolUse) block.toContent());
            }
        } else if (event.isMessageDelta()) {
            var delta = event.asMessageDelta();
            delta.delta().stopReason().ifPresent(reason -> stopReason = reason.asString());
            // message_delta's usage is cumulative, not an increment
            output = delta.usage().outputTokens();
            delta.usage().inputTokens().ifPresent(tokens -> input = tokens);
            delta.usage().cacheReadInputTokens().ifPresent(tokens -> cacheRead = tokens);
            delta.usage().cacheCreationInputTokens().ifPresent(tokens -> cacheWrite = tokens);
        } else if (event.isMessageStop()) {
            stopped = true;
        }
    }

    @Override
    public ChatResult finish() throws ProviderException {
        if (!stopped) {
            throw failure(Failure.NETWORK, "Claude's stream ended before message_stop", null, null);
        }
        return new ChatResult(content(), stop(stopReason), usage(), model, null);
    }

    @Override
    public ProviderException failure(Failure failure, String message, java.time.@Nullable Duration retryAfter,
                                     @Nullable Throwable cause) {
        return new ProviderException(failure, message, retryAfter, content(), usage(), cause);
    }

    /** Complete tool calls and any text; a tool call cut off mid-input is dropped, its arguments being unusable. */
    private List<ContentBlock> content() {
        List<ContentBlock> content = new ArrayList<>();
        for (Block block : blocks.values()) {
            if (block.toolId == null ? !block.text.isEmpty() : block.complete) {
                content.add(block.toContent());
            }
        }
        return content;
    }

    private TokenUsage usage() {
        return new TokenUsage(input, output, cacheRead, cacheWrite);
    }

    private static StopReason stop(@Nullable String reason) {
        return switch (reason == null ? "end_turn" : reason) {
            case "max_tokens", "model_context_window_exceeded" -> StopReason.MAX_TOKENS;
            case "stop_sequence" -> StopReason.STOP_SEQUENCE;
            case "tool_use" -> StopReason.TOOL_USE;
            case "refusal" -> StopReason.REFUSAL;
            default -> StopReason.END_TURN;
        };
    }

    /** A content block being received: text, or a tool call whose input JSON arrives in pieces. */
    private static final class Block {
        final @Nullable String toolId;
        final @Nullable String toolName;
        final StringBuilder text = new StringBuilder();
        boolean complete;

        private Block(@Nullable String toolId, @Nullable String toolName, String initial) {
            this.toolId = toolId;
            this.toolName = toolName;
            text.append(initial);
        }

        static Block of(RawContentBlockStartEvent.ContentBlock start) {
            if (start.isToolUse()) {
                var use = start.asToolUse();
                return new Block(use.id(), use.name(), "");
            }
            return new Block(null, null, start.isText() ? start.asText().text() : "");
        }

        ContentBlock toContent() {
            return toolId == null ? new ContentBlock.Text(text.toString())
                    : new ContentBlock.ToolUse(toolId, toolName == null ? "" : toolName,
                    text.isEmpty() ? "{}" : text.toString());
        }
    }
}
