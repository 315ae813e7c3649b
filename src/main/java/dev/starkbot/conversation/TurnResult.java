package dev.starkbot.conversation;

import java.util.List;

/**
 * What one turn stored: the person's message, then every assistant and tool-result message of the tool loop.
 *
 * @param stopReason why the last reply ended ({@code end_turn}, {@code interrupted}, {@code cancelled}, ...)
 */
public record TurnResult(String turnId, List<Message> messages, String stopReason, Message.Usage usage) {

    public TurnResult {
        messages = List.copyOf(messages);
    }
}
