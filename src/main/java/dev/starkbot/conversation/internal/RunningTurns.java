package dev.starkbot.conversation.internal;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import org.springframework.stereotype.Component;

import dev.starkbot.ai.Cancellation;
import dev.starkbot.conversation.ConversationException;

/**
 * The turns running in this process, one per conversation, so that a second message waits its turn (409) and
 * {@code chat.abort} finds what to stop. With several instances, a turn is stopped by the instance running it: the
 * client's request went there, and so does its abort as long as it uses the same connection.
 */
@Component
class RunningTurns {

    private final ConcurrentMap<String, Cancellation> running = new ConcurrentHashMap<>();

    Cancellation start(String conversationId) {
        Cancellation cancellation = new Cancellation();
        if (running.putIfAbsent(conversationId, cancellation) != null) {
            throw ConversationException.busy();
        }
        return cancellation;
    }

    void end(String conversationId, Cancellation cancellation) {
        running.remove(conversationId, cancellation);
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
