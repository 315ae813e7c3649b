package dev.starkbot.conversation;

import org.jspecify.annotations.Nullable;

/**
 * A conversation as its owner sees it, with its running totals.
 *
 * @param model    {@code provider:model} chosen for this conversation, or null to follow persona and defaults
 * @param costUsd  estimated, from list prices
 */
public record Conversation(String id, @Nullable String title, @Nullable String personaId, @Nullable String model,
                           String platform, long messages, long inputTokens, long outputTokens, double costUsd,
                           long createdAt, long updatedAt) {
}
