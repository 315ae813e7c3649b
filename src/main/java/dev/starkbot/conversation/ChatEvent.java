package dev.starkbot.conversation;

import tools.jackson.databind.node.ObjectNode;

/**
 * Something that happened in a conversation, for its owner's screens: a piece of a reply ({@code delta}), a tool
 * call or result, usage, the end ({@code done}) or a failure ({@code error}) of a turn, a {@code notice}, a
 * {@code conversation.updated}. The same events go to the SSE response of the request that started the turn and,
 * through the gateway, to every WebSocket of the owner subscribed to {@code chat}.
 *
 * @param data always carries {@code conversationId}; turn events also {@code turnId}
 */
public record ChatEvent(String ownerId, String conversationId, String type, ObjectNode data) {
}
