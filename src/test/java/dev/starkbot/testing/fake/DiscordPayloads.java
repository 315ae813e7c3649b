package dev.starkbot.testing.fake;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The Gateway payloads the fake Discord builds from its world: READY and INTERACTION_CREATE, as Discord sends them. */
final class DiscordPayloads {

    private final DiscordWorld world;

    DiscordPayloads(DiscordWorld world) {
        this.world = world;
    }

    ObjectNode ready() {
        ObjectNode ready = WireJson.object().put("v", 10);
        ready.set("user", DiscordJson.user(world.bot()).put("verified", true).put("mfa_enabled", false));
        ready.set("guilds", DiscordGateway.unavailable(world.guildIds()));
        ready.putArray("private_channels");
        ready.putArray("relationships");
        ready.putArray("presences");
        ready.putArray("guild_join_requests");
        ready.putArray("geo_ordered_rtc_regions").add("us-east");
        ready.putObject("user_settings");
        ready.putObject("application").put("id", Long.toString(world.applicationId())).put("flags", 565248);
        ready.put("session_type", "normal");
        ready.putObject("auth");
        ready.putArray("_trace").add("[\"gateway-prd-fake\",{\"micros\":0.0}]");
        return ready;
    }

    ObjectNode interaction(int type, long channelId, DiscordUser from, ObjectNode data) {
        Long guildId = world.channel(channelId);
        long id = DiscordJson.snowflake();
        ObjectNode payload = WireJson.object().put("id", Long.toString(id))
                .put("application_id", Long.toString(world.applicationId())).put("type", type)
                .put("channel_id", Long.toString(channelId)).put("token", "aW50ZXJhY3Rpb246" + id + WireJson.id("", 40))
                .put("version", 1).put("app_permissions", "2248473465835073").put("locale", "en-US")
                .put("context", guildId == null ? 1 : 0).put("attachment_size_limit", 10_485_760);
        payload.set("data", data);
        payload.putArray("entitlements");
        if (guildId != null) {
            payload.put("guild_id", Long.toString(guildId)).put("guild_locale", "en-US");
            // The partial guild JDA needs to find its cached guild; without it a guild channel is "not supported".
            payload.putObject("guild").put("id", Long.toString(guildId)).put("locale", "en-US").putArray("features");
            payload.set("member", DiscordJson.member(from, true).put("permissions", "2248473465835073"));
            payload.set("channel", world.guildCreates().stream()
                    .flatMap(guild -> guild.path("channels").valueStream())
                    .filter(channel -> channel.path("id").asLong() == channelId).findFirst()
                    .map(channel -> ((ObjectNode) channel.deepCopy()).put("guild_id", Long.toString(guildId)))
                    .orElseThrow());
            payload.putObject("authorizing_integration_owners").put("0", Long.toString(guildId));
        } else {
            payload.set("user", DiscordJson.user(from));
            payload.set("channel", DiscordJson.dmChannel(channelId, from));
            payload.putObject("authorizing_integration_owners").put("1", Long.toString(from.id()));
        }
        return payload;
    }

    String commandId(String name) {
        for (JsonNode list : world.commands().values()) {
            for (JsonNode command : list) {
                if (name.equals(command.path("name").asString())) {
                    return command.path("id").asString();
                }
            }
        }
        return Long.toString(DiscordJson.snowflake());
    }
}
