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

    /**
     * {@link #send} for a message that may be handed over more than once, such as a platform message retried after
     * the process died part way through its turn. The first hand-over with a key stores the message; a later one
     * stores nothing again: it returns the stored turn when that turn had ended, or lets the model carry on from
     * what was stored. Either way the person's message is in the history once.
     *
     * @param messageKey unique per conversation and never reused, such as the id of a platform's inbox record; null
     *                   behaves as send
     */
    TurnResult send(String ownerId, String conversationId, String text, String platform, Role role,
                    @Nullable String messageKey, Consumer<ChatEvent> listener);

    /** Stops the running turn of a conversation, keeping what the model had said; false if none was running. */
    boolean abort(String ownerId, String conversationId);
}
