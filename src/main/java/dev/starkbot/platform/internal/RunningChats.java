package dev.starkbot.platform.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

/** The chats this instance is answering right now, and the conversation each turn runs in, for {@code /stop}. */
@Component
class RunningChats {

    private final Map<String, Turn> turns = new ConcurrentHashMap<>();

    void start(String chatKey, String ownerId, String conversationId, String senderId) {
        turns.put(chatKey, new Turn(ownerId, conversationId, senderId));
    }

    void end(String chatKey) {
        turns.remove(chatKey);
    }

    java.util.Optional<Turn> find(String chatKey) {
        return java.util.Optional.ofNullable(turns.get(chatKey));
    }

    record Turn(String ownerId, String conversationId, String senderId) {
    }
}
