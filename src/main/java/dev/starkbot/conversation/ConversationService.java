package dev.starkbot.conversation;

import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

import dev.starkbot.user.Role;

/** The conversation module's front door, for the API and for chat platforms alike. */
public interface ConversationService {

    Conversation create(String ownerId, @Nullable String title, @Nullable String personaId, @Nullable String model,
                        String platform);

    /**
     * Runs one turn: stores the text, asks the model (running its tools, up to the configured step cap), stores and
     * streams the reply. One turn at a time per conversation.
     *
     * @param role     the most a command in {@code text} may do: the caller's effective role (an API key's scope,
     *                 not only its owner's), and never more than the owner's current role
     * @param listener receives this turn's events as they happen, before they are published to the gateway
     * @throws ConversationException when the conversation is not the owner's, is busy, or the budget is spent
     */
    TurnResult send(String ownerId, String conversationId, String text, String platform, Role role,
                    Consumer<ChatEvent> listener);

    /** Stops the running turn of a conversation, keeping what the model had said; false if none was running. */
    boolean abort(String ownerId, String conversationId);
}
