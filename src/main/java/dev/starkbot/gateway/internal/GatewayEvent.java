package dev.starkbot.gateway.internal;

import java.util.function.Predicate;

import dev.starkbot.user.Principal;
import tools.jackson.databind.JsonNode;

/**
 * One event on a topic. {@code audience} decides who may see it, per principal: a per-user setting is seen only by
 * its owner's connections, a global one by admins.
 */
record GatewayEvent(String topic, long seq, String type, JsonNode data, long at, Predicate<Principal> audience) {
}
