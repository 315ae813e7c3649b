package dev.starkbot.ai;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A model's reply: complete, or what had arrived before the stream broke or was stopped.
 *
 * @param model   the pair that answered (after any fallback)
 * @param problem what went wrong, for an interrupted reply
 */
public record ChatResult(List<ContentBlock> content, StopReason stopReason, TokenUsage usage, ModelRef model,
                         @Nullable String problem) {

    public ChatResult {
        content = List.copyOf(content);
    }

    public String text() {
        return ContentBlock.plainText(content);
    }

    public List<ContentBlock.ToolUse> toolCalls() {
        return content.stream().filter(ContentBlock.ToolUse.class::isInstance).map(ContentBlock.ToolUse.class::cast)
                .toList();
    }

    public boolean interrupted() {
        return stopReason == StopReason.INTERRUPTED || stopReason == StopReason.CANCELLED;
    }
}
