package dev.starkbot.conversation.internal;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import org.springframework.stereotype.Component;

import dev.starkbot.ai.Cancellation;
import dev.starkbot.conversation.ConversationException;
import dev.starkbot.conversation.ConversationsProperties;

/**
 * The turns running in this process, one per conversation and a few per user, so that a second message waits its
 * turn (409), one person cannot start dozens of paid replies at once (429), and
 * {@code chat.abort} finds what to stop. With several instances, a turn is stopped by the instance running it: the
 * client's request went there, and so does its abort as long as it uses the same connection.
 */
@Component
class RunningTurns {

    private final ConcurrentMap<String, Cancellation> running = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Integer> perUser = new ConcurrentHashMap<>();
    private final ConversationsProperties properties;

    RunningTurns(ConversationsProperties properties) {
        this.properties = properties;
    }

    Cancellation start(String ownerId, String conversationId) {
        int limit = properties.maxConcurrentTurns();
        if (perUser.merge(ownerId, 1, Integer::sum) > limit) {
            release(ownerId);
            throw ConversationException.tooManyTurns(limit);
        }
        Cancellation cancellation = new Cancellation();
        if (running.putIfAbsent(conversationId, cancellation) != null) {
            release(ownerId);
            throw ConversationException.busy();
        }
        return cancellation;
    }

    void end(String ownerId, String conversationId, Cancellation cancellation) {
        running.remove(conversationId, cancellation);
        release(ownerId);
    }

    private void release(String ownerId) {
        perUser.computeIfPresent(ownerId, (user, count) -> count <= 1 ? null : count - 1);
    }

    boolean abort(String conversationId) {
        Cancellation cancellation = running.get(conversationId);
        if (cancellation == null) {
            return false;
        }
        cancellation.cancel();
        return true;
    }

    int count() {
        return running.size();
    }
}
