package dev.starkbot.ai;

/**
 * Where a streamed reply goes as it arrives. Called from the thread that runs the request, in order; implementations
 * must not block for long, because the provider's stream waits for them.
 */
public interface ChatSink {

    ChatSink NONE = new ChatSink() {
    };

    /** A piece of reply text. */
    default void delta(String text) {
    }

    /** A tool call, once its input is complete. */
    default void toolCall(ContentBlock.ToolUse call) {
    }

    /** Something a waiting person should know: a retry, a fallback to another model. */
    default void status(String message) {
    }
}
