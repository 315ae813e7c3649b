package dev.starkbot.conversation.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import org.springframework.stereotype.Component;

import dev.starkbot.ai.ChatMessage;
import dev.starkbot.ai.ContentBlock;
import dev.starkbot.conversation.Message;

/**
 * Chooses the history a model sees: the newest messages after the summary in force, read newest first a page at a
 * time until the token budget is spent. Each message's token count was stored when it was written, so the cost
 * depends on how much fits in the window, never on how long the whole history is.
 */
@Component
class ContextAssembler {

    /** Rows per read; a window of 200k tokens is rarely more than a few pages of ordinary chat. */
    private static final int PAGE = 64;

    private final MessageRepository messages;

    ContextAssembler(MessageRepository messages) {
        this.messages = messages;
    }

    /**
     * @param fromSeq the first sequence number not covered by the summary in force
     * @param budget  tokens available to history
     */
    List<ChatMessage> assemble(String conversationId, long fromSeq, int budget) {
        Deque<Message> chosen = new ArrayDeque<>();
        long before = Long.MAX_VALUE;
        long used = 0;
        while (true) {
            List<Message> page = messages.contextPage(conversationId, fromSeq, before, PAGE);
            for (Message message : page) {
                if (used + message.tokens() > budget && !chosen.isEmpty()) {
                    return toChat(chosen);
                }
                used += message.tokens();
                chosen.addFirst(message);
                before = message.seq();
            }
            if (page.size() < PAGE) {
                return toChat(chosen);
            }
        }
    }

    /**
     * The chosen messages as model turns. The window may start inside a tool exchange: leading assistant turns and
     * tool results whose call fell outside are dropped, because both APIs refuse a tool result without its call.
     * A call without its result (history from before results were always stored) is dropped for the same reason.
     */
    private static List<ChatMessage> toChat(Deque<Message> chosen) {
        List<Message> messages = new ArrayList<>(chosen);
        List<ChatMessage> chat = new ArrayList<>(messages.size());
        for (int i = 0; i < messages.size(); i++) {
            Message message = messages.get(i);
            boolean user = message.role().equals("user");
            if (chat.isEmpty() && (!user || hasResults(message))) {
                continue;
            }
            List<ContentBlock> content = message.content();
            if (!user) {
                Message next = i + 1 < messages.size() ? messages.get(i + 1) : null;
                content = content.stream().filter(block -> !(block instanceof ContentBlock.ToolUse use)
                        || next != null && answers(next, use.id())).toList();
            }
            if (!content.isEmpty()) {
                chat.add(new ChatMessage(user ? ChatMessage.Role.USER : ChatMessage.Role.ASSISTANT, content));
            }
        }
        return chat;
    }

    private static boolean hasResults(Message message) {
        return message.content().stream().anyMatch(ContentBlock.ToolResult.class::isInstance);
    }

    private static boolean answers(Message message, String toolUseId) {
        return message.content().stream().anyMatch(block -> block instanceof ContentBlock.ToolResult result
                && result.toolUseId().equals(toolUseId));
    }
}
