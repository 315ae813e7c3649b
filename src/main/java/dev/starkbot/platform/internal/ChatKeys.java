package dev.starkbot.platform.internal;

import dev.starkbot.platform.AccessPolicy;
import dev.starkbot.platform.ChatKind;
import dev.starkbot.platform.IncomingMessage;

/** The keys that group a platform's messages: by chat (for ordering) and by conversation (for routing). */
final class ChatKeys {

    private ChatKeys() {
    }

    /** One chat, or one thread of a chat: its messages are handled and answered in order. */
    static String chat(IncomingMessage message) {
        return chat(message.platform(), message.account(), message.chatId(), message.threadId());
    }

    static String chat(String platform, String account, String chatId,
                       @org.jspecify.annotations.Nullable String thread) {
        return platform + ":" + account + ":" + chatId + (thread == null ? "" : ":" + thread);
    }

    /**
     * Which conversation a message continues: a direct chat its own, a group one shared by everyone in it (per
     * thread), or one per person in the group when so configured.
     */
    static String route(IncomingMessage message, AccessPolicy policy) {
        String chat = chat(message);
        if (message.chatKind() == ChatKind.GROUP
                && policy.groupConversations() == AccessPolicy.GroupConversations.PER_SENDER) {
            return chat + ":u:" + message.senderId();
        }
        return chat;
    }

    /** The username of a group's own account, which holds its shared conversations. */
    static String groupAccount(IncomingMessage message) {
        return accountName(message.platform() + ":group:" + message.chatId());
    }

    /** A chat account's username: with a colon (which people's usernames cannot have), at most 64 characters. */
    static String accountName(String name) {
        String clean = name.replaceAll("[^A-Za-z0-9_:-]", "_");
        return clean.length() <= 64 ? clean : clean.substring(0, 64);
    }

}
