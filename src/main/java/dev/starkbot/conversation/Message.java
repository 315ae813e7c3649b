package dev.starkbot.conversation;

import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.starkbot.ai.ContentBlock;

/**
 * One stored message.
 *
 * @param role     {@code user}, {@code assistant}, or {@code notice} (for people only: summaries, interruptions)
 * @param status   {@code complete}, or {@code interrupted} when the reply stream broke or was stopped
 * @param usage    the model call that produced an assistant message, else null
 */
public record Message(String id, String conversationId, long seq, String role, List<ContentBlock> content,
                      String text, int tokens, String status, @Nullable String model, @Nullable Usage usage,
                      String platform, long createdAt) {

    public Message {
        content = List.copyOf(content);
    }

    public record Usage(long inputTokens, long outputTokens, long cacheReadTokens, long cacheWriteTokens,
                        double costUsd) {
    }
}
