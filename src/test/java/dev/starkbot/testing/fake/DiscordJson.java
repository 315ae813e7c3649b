package dev.starkbot.testing.fake;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The shapes of Discord's objects (user, member, channel, guild, message, error), as its OpenAPI describes them. */
final class DiscordJson {

    /** 2015-01-01T00:00:00Z, where snowflake timestamps count from. */
    private static final long DISCORD_EPOCH = 1_420_070_400_000L;
    private static final AtomicLong INCREMENT = new AtomicLong();

    static final int TEXT_CHANNEL = 0;
    static final int DM_CHANNEL = 1;

    private DiscordJson() {
    }

    /** A fresh snowflake: milliseconds since the Discord epoch in the top bits, a counter in the low 12. */
    static long snowflake() {
        return ((System.currentTimeMillis() - DISCORD_EPOCH) << 22) | (INCREMENT.incrementAndGet() & 0xFFF);
    }

    static String timestamp() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS).toString().replace("Z", "+00:00");
    }

    static ObjectNode user(DiscordUser user) {
        ObjectNode json = WireJson.object().put("id", Long.toString(user.id())).put("username", user.username())
                .putNull("avatar").put("discriminator", "0").put("public_flags", 0).put("flags", 0)
                .put("global_name", user.bot() ? null : capitalised(user.username())).putNull("primary_guild");
        if (user.bot()) {
            json.put("bot", true);
        }
        return json;
    }

    /** A guild member; {@code withUser} is false where Discord leaves the user out (a message's {@code member}). */
    static ObjectNode member(DiscordUser user, boolean withUser) {
        ObjectNode json = WireJson.object();
        if (withUser) {
            json.set("user", user(user));
        }
        return json.putNull("nick").putNull("avatar").set("roles", WireJson.JSON.createArrayNode())
                .put("joined_at", "2024-01-01T00:00:00.000000+00:00").put("deaf", false).put("mute", false)
                .put("flags", 0).put("pending", false);
    }

    static ObjectNode guildChannel(long guildId, long channelId, String name, int position) {
        return WireJson.object().put("id", Long.toString(channelId)).put("type", TEXT_CHANNEL)
                .put("guild_id", Long.toString(guildId)).put("name", name).put("position", position).put("flags", 0)
                .putNull("parent_id").putNull("topic").put("nsfw", false).put("rate_limit_per_user", 0)
                .putNull("last_message_id").set("permission_overwrites", WireJson.JSON.createArrayNode());
    }

    static ObjectNode dmChannel(long channelId, DiscordUser recipient) {
        ObjectNode json = WireJson.object().put("id", Long.toString(channelId)).put("type", DM_CHANNEL)
                .putNull("last_message_id").put("flags", 0);
        json.putArray("recipients").add(user(recipient));
        return json;
    }

    /** The GUILD_CREATE payload: the full guild with its channels, its @everyone role and the bot as a member. */
    static ObjectNode guildCreate(long guildId, String name, DiscordUser owner, DiscordUser bot, ArrayNode channels) {
        ObjectNode everyone = WireJson.object().put("id", Long.toString(guildId)).put("name", "@everyone")
                .put("permissions", "2248473465835073").put("position", 0).put("color", 0).put("hoist", false)
                .put("managed", false).put("mentionable", false).put("flags", 0).putNull("icon")
                .putNull("unicode_emoji");
        everyone.putObject("colors").put("primary_color", 0).putNull("secondary_color").putNull("tertiary_color");
        ObjectNode json = WireJson.object().put("id", Long.toString(guildId)).put("name", name).putNull("icon")
                .putNull("splash").putNull("banner").putNull("description").put("owner_id", Long.toString(owner.id()))
                .put("afk_timeout", 300).put("verification_level", 0).put("default_message_notifications", 0)
                .put("explicit_content_filter", 0).put("mfa_level", 0).put("nsfw_level", 0).put("premium_tier", 0)
                .put("premium_subscription_count", 0).put("preferred_locale", "en-US").put("system_channel_flags", 0)
                .putNull("system_channel_id").putNull("rules_channel_id").putNull("public_updates_channel_id")
                .putNull("afk_channel_id").putNull("vanity_url_code").put("premium_progress_bar_enabled", false)
                .put("max_members", 25_000_000).put("large", false).put("unavailable", false).put("member_count", 2)
                .put("joined_at", "2024-01-01T00:00:00.000000+00:00");
        json.putArray("roles").add(everyone);
        json.putArray("features");
        json.putArray("emojis");
        json.putArray("stickers");
        json.putArray("members").add(member(bot, true));
        json.set("channels", channels);
        json.putArray("threads");
        json.putArray("presences");
        json.putArray("voice_states");
        json.putArray("stage_instances");
        json.putArray("guild_scheduled_events");
        json.putArray("soundboard_sounds");
        return json;
    }

    /** A message object, without the {@code guild_id} and {@code member} that only gateway events carry. */
    static ObjectNode message(long channelId, long messageId, DiscordUser author, String content) {
        ObjectNode json = WireJson.object().put("type", 0).put("content", content)
                .put("id", Long.toString(messageId)).put("channel_id", Long.toString(channelId))
                .put("timestamp", timestamp()).putNull("edited_timestamp").put("flags", 0).put("pinned", false)
                .put("mention_everyone", false).put("tts", false);
        json.set("author", user(author));
        json.putArray("mentions");
        json.putArray("mention_roles");
        json.putArray("attachments");
        json.putArray("embeds");
        json.putArray("components");
        return json;
    }

    /** Discord's error body, {@code {"message": "Unknown Channel", "code": 10003}}. */
    static String error(int code, String message) {
        return WireJson.write(WireJson.object().put("message", message).put("code", code));
    }

    /** The 400 Discord answers a too-long message with: code 50035 and the field's errors. */
    static String invalidFormBody(String field, String errorCode, String message) {
        ObjectNode json = WireJson.object().put("message", "Invalid Form Body").put("code", 50035);
        json.putObject("errors").putObject(field).putArray("_errors").addObject().put("code", errorCode)
                .put("message", message);
        return WireJson.write(json);
    }

    static String rateLimited(double retryAfter, boolean global) {
        return WireJson.write(WireJson.object().put("message", "You are being rate limited.")
                .put("retry_after", retryAfter).put("global", global));
    }

    static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isString() ? value.stringValue() : null;
    }

    private static String capitalised(String name) {
        return name.isEmpty() ? name : Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }
}
