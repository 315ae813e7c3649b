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
 * @param params       the event as clients see it, {@code {"topic", "seq", "type", "data"}}, already written: it
 *                     is written once, however many clients receive it (an SSE stream's {@code data})
 * @param notification the WebSocket frame that carries it, a JSON-RPC notification of method {@code event}
 */
record GatewayEvent(String topic, long seq, String type, JsonNode data, long at, Predicate<Principal> audience,
                    String params, String notification) {

    static GatewayEvent of(String topic, long seq, String type, JsonNode data, long at, Predicate<Principal> audience,
                           JsonMapper json) {
        String params = params(json, topic, seq, type, data);
        return new GatewayEvent(topic, seq, type, data, at, audience, params, notification(params));
    }

    static String params(JsonMapper json, String topic, long seq, String type, JsonNode data) {
        ObjectNode params = json.createObjectNode().put("topic", topic).put("seq", seq).put("type", type);
        params.set("data", data);
        return json.writeValueAsString(params);
    }

    /** Fields in this order, {@code jsonrpc} first, as every message StarkBot sends. */
    static String notification(String params) {
        return "{\"jsonrpc\":\"2.0\",\"method\":\"event\",\"params\":" + params + "}";
    }
}
