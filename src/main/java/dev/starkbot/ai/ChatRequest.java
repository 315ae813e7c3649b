package dev.starkbot.ai;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What to ask a model. The model itself is chosen by the caller's chain of {@link ModelRef}s.
 *
 * @param system         the system prompt (persona, pinned facts, summary), sent as a cacheable prefix
 * @param stablePrefix   how many leading messages are unchanged since the previous call of this conversation, so
 *                       that providers with prompt caching can mark the end of that prefix as a cache breakpoint
 * @param maxTokens      the reply budget
 */
public record ChatRequest(String system, List<ChatMessage> messages, List<ToolSpec> tools, int maxTokens,
                          @Nullable Double temperature, int stablePrefix) {

    public ChatRequest {
        messages = List.copyOf(messages);
        tools = List.copyOf(tools);
    }

    public static ChatRequest simple(String system, String prompt, int maxTokens) {
        return new ChatRequest(system, List.of(ChatMessage.user(prompt)), List.of(), maxTokens, null, 0);
    }
}
