package dev.starkbot.gateway.internal;

import java.util.function.Predicate;

import dev.starkbot.user.Principal;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * One event on a topic. {@code audience} decides who may see it, per principal: a per-user setting is seen only by
 * its owner's connections, a global one by admins.
 *
 * <p>Events wait in each topic's resume window (up to 1,000 per topic, for 10 minutes), so an event keeps only what
 * is sent, once: the WebSocket frame, not the JSON tree it was written from (a tree weighs several times its text)
 * nor a second copy of its {@code params} for SSE, which is cut from the frame when asked for.
 *
 * @param notification the WebSocket frame: a JSON-RPC notification of method {@code event} whose {@code params} are
 *                     {@code {"topic", "seq", "type", "data"}}, written once however many clients receive it
 */
record GatewayEvent(String topic, long seq, String type, long at, Predicate<Principal> audience, String notification) {

    private static final String PREFIX = "{\"jsonrpc\":\"2.0\",\"method\":\"event\",\"params\":";

    static GatewayEvent of(String topic, long seq, String type, JsonNode data, long at, Predicate<Principal> audience,
                           JsonMapper json) {
        return new GatewayEvent(topic, seq, type, at, audience, notification(params(json, topic, seq, type, data)));
    }

    static String params(JsonMapper json, String topic, long seq, String type, JsonNode data) {
        ObjectNode params = json.createObjectNode().put("topic", topic).put("seq", seq).put("type", type);
        params.set("data", data);
        return json.writeValueAsString(params);
    }

    /** The event as an SSE stream's {@code data}: the frame's {@code params}. */
    String params() {
        return notification.substring(PREFIX.length(), notification.length() - 1);
    }

    /** {@code jsonrpc} first, as in every message StarkBot sends. */
    static String notification(String params) {
        return PREFIX + params + "}";
    }
}
