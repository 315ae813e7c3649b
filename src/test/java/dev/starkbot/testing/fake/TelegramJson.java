package dev.starkbot.testing.fake;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The Bot API's envelopes and the bot's own User object. */
final class TelegramJson {

    private TelegramJson() {
    }

    /** {@code {"ok":true,"result":…}} */
    static String ok(JsonNode result) {
        ObjectNode body = WireJson.object().put("ok", true);
        body.set("result", result);
        return WireJson.write(body);
    }

    /** {@code {"ok":false,"error_code":…,"description":…}}, with {@code parameters} when not null. */
    static String error(int errorCode, String description, ObjectNode parameters) {
        ObjectNode body = WireJson.object().put("ok", false).put("error_code", errorCode)
                .put("description", description);
        if (parameters != null) {
            body.set("parameters", parameters);
        }
        return WireJson.write(body);
    }

    /** Message entities in the order the Bot API lists them: by offset. */
    static ArrayNode byOffset(List<? extends JsonNode> entities) {
        ArrayNode sorted = WireJson.JSON.createArrayNode();
        entities.stream().sorted(Comparator.comparingInt(entity -> entity.get("offset").asInt())).forEach(sorted::add);
        return sorted;
    }

    /** Unix time in seconds, as every Bot API date is. */
    static long now() {
        return Instant.now().getEpochSecond();
    }

    /** The bot as it appears in its messages' {@code from}. */
    static ObjectNode bot(long id, String firstName, String username) {
        return WireJson.object().put("id", id).put("is_bot", true).put("first_name", firstName)
                .put("username", username);
    }

    /** The bot as getMe describes it: its User object plus the bot-only capability flags. */
    static ObjectNode me(ObjectNode bot, boolean privacyMode) {
        return bot.deepCopy().put("can_join_groups", true).put("can_read_all_group_messages", !privacyMode)
                .put("supports_inline_queries", false).put("can_connect_to_business", false)
                .put("has_main_web_app", false);
    }
}
