package dev.starkbot.platform.discord.internal;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

import net.dv8tion.jda.api.interactions.InteractionHook;

/**
 * The interactions the adapter acknowledged at once (Discord allows three seconds, and a turn may queue behind
 * another in the same chat for longer) and answers later through their hooks, which Discord honours for fifteen
 * minutes from the interaction. Kept in memory only: after a restart, or once a hook has expired, an answer goes to
 * the channel as an ordinary message instead. Every map forgets expired hooks, so they hold at most fifteen minutes
 * of interactions.
 */
final class DiscordInteractions {

    /** Slash commands deferred ("thinking…"), by interaction id: the answer to that command replaces the placeholder. */
    private final Map<String, InteractionHook> awaitingAnswer = new ConcurrentHashMap<>();
    /** Placeholders replaced by an answer, by message id: that message is edited through its hook. */
    private final Map<String, InteractionHook> answers = new ConcurrentHashMap<>();
    /** Button presses, by interaction id: a later toast text is sent through their hook. */
    private final Map<String, InteractionHook> presses = new ConcurrentHashMap<>();

    void deferred(String interactionId, InteractionHook hook) {
        sweep();
        awaitingAnswer.put(interactionId, hook);
    }

    /** The placeholder of the slash command a message answers, once: later parts of the answer are new messages. */
    Optional<InteractionHook> takeDeferred(@Nullable String interactionId) {
        return interactionId == null ? Optional.empty() : valid(awaitingAnswer.remove(interactionId));
    }

    /** Whether this id is a slash command still waiting for its answer (no message to react to). */
    boolean isDeferred(String interactionId) {
        return valid(awaitingAnswer.get(interactionId)).isPresent();
    }

    void answered(String messageId, InteractionHook hook) {
        answers.put(messageId, hook);
    }

    Optional<InteractionHook> answer(String messageId) {
        return valid(answers.get(messageId));
    }

    void pressed(String interactionId, InteractionHook hook) {
        sweep();
        presses.put(interactionId, hook);
    }

    Optional<InteractionHook> press(String interactionId) {
        return valid(presses.get(interactionId));
    }

    private static Optional<InteractionHook> valid(@Nullable InteractionHook hook) {
        return hook == null || hook.isExpired() ? Optional.empty() : Optional.of(hook);
    }

    private void sweep() {
        awaitingAnswer.values().removeIf(InteractionHook::isExpired);
        answers.values().removeIf(InteractionHook::isExpired);
        presses.values().removeIf(InteractionHook::isExpired);
    }
}
