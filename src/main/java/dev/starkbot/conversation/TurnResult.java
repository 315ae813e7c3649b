package dev.starkbot.conversation;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What one turn stored: the person's message, then every assistant and tool-result message of the tool loop.
 *
 * @param stopReason     why the last reply ended ({@code end_turn}, {@code interrupted}, {@code cancelled}, ...),
 *                       or {@code command} when the message was a command
 * @param reply          a command's answer (nothing is stored for a command), else null
 * @param conversationId the conversation to continue in, when a command changed it ({@code /new}), else null
 */
public record TurnResult(String turnId, List<Message> messages, String stopReason, Message.Usage usage,
                         @Nullable String reply, @Nullable String conversationId) {

    public TurnResult {
        messages = List.copyOf(messages);
    }

    public TurnResult(String turnId, List<Message> messages, String stopReason, Message.Usage usage) {
        this(turnId, messages, stopReason, usage, null, null);
    }
}
