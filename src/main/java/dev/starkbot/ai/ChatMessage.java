package dev.starkbot.ai;

import java.util.List;

/** One turn of the history handed to a model. Tool results travel in a user turn, as both APIs expect. */
public record ChatMessage(Role role, List<ContentBlock> content) {

    public enum Role {
        USER, ASSISTANT
    }

    public ChatMessage {
        content = List.copyOf(content);
    }

    public static ChatMessage user(String text) {
        return new ChatMessage(Role.USER, List.of(new ContentBlock.Text(text)));
    }

    public static ChatMessage assistant(String text) {
        return new ChatMessage(Role.ASSISTANT, List.of(new ContentBlock.Text(text)));
    }
}
