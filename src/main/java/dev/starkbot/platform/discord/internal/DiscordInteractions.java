package dev.starkbot.platform.discord.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import net.dv8tion.jda.api.interactions.InteractionHook;

/**
 * The interactions the adapter acknowledged at once (Discord allows three seconds, and a turn may queue behind
 * another in the same chat for longer) and answers later through their hooks, which Discord honours for fifteen
 * minutes. Kept in memory only: after a restart an answer goes to the channel as an ordinary message instead.
 */
final class DiscordInteractions {

    /** A little under Discord's fifteen minutes, so that a hook is not used as it expires. */
    private static final Duration VALID = Duration.ofMinutes(14);

    private record Held(InteractionHook hook, long until) {
    }

    private final Clock clock;
    /** A slash command deferred ("thinking…"), by chat: the chat's next message replaces the placeholder. */
    private final Map<String, Held> awaitingAnswer = new ConcurrentHashMap<>();
    /** Placeholders replaced by an answer, by message id: that message is edited through its hook. */
    private final Map<String, Held> answers = new ConcurrentHashMap<>();
    /** Button presses, by interaction id: a later toast text is sent through their hook. */
    private final Map<String, Held> presses = new ConcurrentHashMap<>();

    DiscordInteractions(Clock clock) {
        this.clock = clock;
    }

    void deferred(String chatId, InteractionHook hook) {
        sweep();
        awaitingAnswer.put(chatId, held(hook));
    }

    Optional<InteractionHook> takeDeferred(String chatId) {
        return valid(awaitingAnswer.remove(chatId));
    }

    /** Whether the chat's current message is a slash command, whose placeholder shows it is being answered. */
    boolean isDeferred(String chatId) {
        return valid(awaitingAnswer.get(chatId)).isPresent();
    }

    void answered(String messageId, InteractionHook hook) {
        answers.put(messageId, held(hook));
    }

    Optional<InteractionHook> answer(String messageId) {
        return valid(answers.get(messageId));
    }

    void pressed(String interactionId, InteractionHook hook) {
        sweep();
        presses.put(interactionId, held(hook));
    }

    Optional<InteractionHook> press(String interactionId) {
        return valid(presses.get(interactionId));
    }

    private Held held(InteractionHook hook) {
        return new Held(hook, clock.millis() + VALID.toMillis());
    }

    private Optional<InteractionHook> valid(Held held) {
        return held == null || held.until() < clock.millis() ? Optional.empty() : Optional.of(held.hook());
    }

    /** Forgets expired hooks, so that the maps hold at most fifteen minutes of interactions. */
    private void sweep() {
        long now = clock.millis();
        awaitingAnswer.values().removeIf(held -> held.until() < now);
        answers.values().removeIf(held -> held.until() < now);
        presses.values().removeIf(held -> held.until() < now);
    }
}
