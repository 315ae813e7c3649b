package dev.starkbot.testing.fake;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What {@link FakeDiscordServer} knows: guilds and their channels, DM channels, the bot's messages with their
 * edits, typing, reactions, registered commands and interactions. Every method is synchronized on the world, and
 * waiting tests are woken by {@link #notifyAll()} on every change.
 */
public final class DiscordWorld {

    record Guild(long id, String name, DiscordUser owner, Map<Long, String> channels) {
    }

    /** An interaction the fake dispatched, and how the bot answered it (type 0 while unanswered). */
    record Interaction(long id, String token, long channelId, Long messageId, int type, ObjectNode payload) {
    }

    public record Typing(long channelId, Instant at) {
    }

    record Reaction(long channelId, long messageId, String emoji) {
    }

    /** An interaction's answer: the callback type (4 message, 5 deferred, 6 deferred update, 7 update). */
    public record Answer(long interactionId, int type, JsonNode data) {
    }

    /** The message flag of a reply only its recipient sees. */
    static final int EPHEMERAL = 1 << 6;

    private final DiscordUser bot;
    private final long applicationId;
    private final DiscordCdn cdn;
    private final Map<Long, Guild> guilds = new LinkedHashMap<>();
    private final Map<Long, Long> channelGuild = new LinkedHashMap<>();
    private final Map<Long, DiscordUser> dms = new LinkedHashMap<>();
    private final Map<Long, DiscordMessage> sent = new LinkedHashMap<>();
    private final Map<Long, ObjectNode> posted = new LinkedHashMap<>();
    private final List<Typing> typing = new ArrayList<>();
    private final List<Reaction> reactions = new ArrayList<>();
    private final Map<String, JsonNode> commands = new LinkedHashMap<>();
    private final Map<Long, Interaction> interactions = new LinkedHashMap<>();
    private final List<Answer> answers = new ArrayList<>();

    DiscordWorld(DiscordUser bot, long applicationId, DiscordCdn cdn) {
        this.bot = bot;
        this.applicationId = applicationId;
        this.cdn = cdn;
    }

    DiscordUser bot() {
        return bot;
    }

    long applicationId() {
        return applicationId;
    }

    synchronized ObjectNode application() {
        ObjectNode json = WireJson.object().put("id", Long.toString(applicationId)).put("name", "StarkBot")
                .putNull("icon").put("description", "").put("bot_public", true).put("bot_require_code_grant", false)
                .put("verify_key", "0".repeat(64)).put("flags", 0);
        json.set("bot", DiscordJson.user(bot));
        json.putArray("redirect_uris");
        json.set("owner", DiscordJson.user(DiscordUser.human(1, "owner")));
        json.putObject("team").putNull("icon").put("id", "1").put("name", "owners").put("owner_user_id", "1")
                .putArray("members");
        return json;
    }

    synchronized void guild(long guildId, String name, DiscordUser owner) {
        guilds.put(guildId, new Guild(guildId, name, owner, new LinkedHashMap<>()));
    }

    synchronized void channel(long guildId, long channelId, String name) {
        Guild guild = guilds.get(guildId);
        if (guild == null) {
            throw new IllegalArgumentException("No guild " + guildId);
        }
        guild.channels().put(channelId, name);
        channelGuild.put(channelId, guildId);
    }

    /** The guild of a channel, or null for a DM; refuses a channel the fake does not know with Discord's 404. */
    synchronized Long channel(long channelId) {
        if (!channelGuild.containsKey(channelId) && !dms.containsKey(channelId)) {
            throw DiscordRestApi.Refusal.unknown(10003, "Channel");
        }
        return channelGuild.get(channelId);
    }

    synchronized List<Long> guildIds() {
        return List.copyOf(guilds.keySet());
    }

    synchronized List<ObjectNode> guildCreates() {
        return guilds.keySet().stream().map(this::guildCreate).toList();
    }

    /** The GUILD_CREATE payload of one guild, with its channels. */
    synchronized ObjectNode guildCreate(long guildId) {
        Guild guild = guilds.get(guildId);
        ArrayNode channels = WireJson.JSON.createArrayNode();
            int position = 0;
            for (var channel : guild.channels().entrySet()) {
                ObjectNode json = DiscordJson.guildChannel(guild.id(), channel.getKey(), channel.getValue(),
                        position++);
            json.remove("guild_id"); // GUILD_CREATE's channels leave it out; it is the guild's own id
            channels.add(json);
        }
        return DiscordJson.guildCreate(guild.id(), guild.name(), guild.owner(), bot, channels);
    }

    /** The DM channel with a user, opened on first use; Discord keeps returning the same one. */
    synchronized ObjectNode openDm(long userId) {
        for (var dm : dms.entrySet()) {
            if (dm.getValue().id() == userId) {
                return DiscordJson.dmChannel(dm.getKey(), dm.getValue());
            }
        }
        long channelId = DiscordJson.snowflake();
        dms.put(channelId, DiscordUser.human(userId, "user" + userId));
        return DiscordJson.dmChannel(channelId, dms.get(channelId));
    }

    /** The DM channel id of a known user, opening it if need be. */
    synchronized long dmWith(DiscordUser user) {
        for (var dm : dms.entrySet()) {
            if (dm.getValue().id() == user.id()) {
                return dm.getKey();
            }
        }
        long channelId = DiscordJson.snowflake();
        dms.put(channelId, user);
        return channelId;
    }

    /** A message a user posted, as the MESSAGE_CREATE payload (guild_id and member added in guilds). */
    synchronized ObjectNode userPosts(long channelId, DiscordUser author, String content, List<DiscordUser> mentions,
            Long replyTo) {
        return userPosts(channelId, author, content, mentions, replyTo, List.of());
    }

    /** As {@link #userPosts(long, DiscordUser, String, List, Long)}, with files put on the CDN. */
    synchronized ObjectNode userPosts(long channelId, DiscordUser author, String content, List<DiscordUser> mentions,
            Long replyTo, List<DiscordMessage.File> files) {
        Long guildId = channel(channelId);
        ObjectNode json = DiscordJson.message(channelId, DiscordJson.snowflake(), author, content);
        ArrayNode attachments = json.putArray("attachments");
        files.forEach(file -> attachments.add(cdn.attach(channelId, file)));
        ArrayNode mentioned = json.putArray("mentions");
        for (DiscordUser user : mentions) {
            ObjectNode mention = DiscordJson.user(user);
            if (guildId != null) {
                mention.set("member", DiscordJson.member(user, false));
            }
            mentioned.add(mention);
        }
        if (replyTo != null) {
            json.put("type", 19);
            json.putObject("message_reference").put("type", 0).put("message_id", Long.toString(replyTo))
                    .put("channel_id", Long.toString(channelId));
            ObjectNode original = message(channelId, replyTo).orElse(null);
            json.set("referenced_message", original);
        }
        posted.put(json.path("id").asLong(), json.deepCopy());
        if (guildId != null) {
            json.put("guild_id", Long.toString(guildId));
            json.set("member", DiscordJson.member(author, false));
        }
        notifyAll();
        return json;
    }

    synchronized Optional<ObjectNode> message(long channelId, long messageId) {
        DiscordMessage own = sent.get(messageId);
        if (own != null && own.channelId() == channelId) {
            return Optional.of((ObjectNode) own.current().json());
        }
        ObjectNode theirs = posted.get(messageId);
        return theirs != null && theirs.path("channel_id").asLong() == channelId ? Optional.of(theirs)
                : Optional.empty();
    }

    synchronized ObjectNode botPosts(long channelId, String content, JsonNode request, Long replyTo,
            List<DiscordMessage.File> files) {
        long id = DiscordJson.snowflake();
        ObjectNode json = DiscordJson.message(channelId, id, bot, content);
        copy(request, json, "embeds", "components", "flags");
        if (replyTo != null) {
            json.put("type", 19);
            json.putObject("message_reference").put("type", 0).put("message_id", Long.toString(replyTo))
                    .put("channel_id", Long.toString(channelId));
            json.set("referenced_message", message(channelId, replyTo).orElse(null));
        }
        ArrayNode attachments = json.putArray("attachments");
        files.forEach(file -> attachments.add(cdn.attach(channelId, file)));
        sent.put(id, new DiscordMessage(channelId, id, replyTo, files,
                List.of(new DiscordMessage.Version(content, json.path("embeds"), json.path("components"), json))));
        notifyAll();
        return json;
    }

    synchronized ObjectNode botEdits(long channelId, long messageId, JsonNode request) {
        DiscordMessage message = sent.get(messageId);
        if (message == null || message.channelId() != channelId) {
            if (message(channelId, messageId).isPresent()) {
                throw new DiscordRestApi.Refusal(403, DiscordJson.error(50005,
                        "Cannot edit a message authored by another user"));
            }
            throw DiscordRestApi.Refusal.unknown(10008, "Message");
        }
        ObjectNode json = ((ObjectNode) message.current().json()).deepCopy();
        if (request.has("content")) {
            json.put("content", request.path("content").asString(""));
        }
        copy(request, json, "embeds", "components");
        json.put("edited_timestamp", DiscordJson.timestamp());
        sent.put(messageId, message.edited(new DiscordMessage.Version(json.path("content").asString(""),
                json.path("embeds"), json.path("components"), json)));
        notifyAll();
        return json;
    }

    synchronized void typed(long channelId) {
        typing.add(new Typing(channelId, Instant.now()));
        notifyAll();
    }

    synchronized void react(long channelId, long messageId, String emoji) {
        if (message(channelId, messageId).isEmpty()) {
            throw DiscordRestApi.Refusal.unknown(10008, "Message");
        }
        reactions.add(new Reaction(channelId, messageId, emoji));
        notifyAll();
    }

    synchronized JsonNode setCommands(Long guildId, JsonNode list) {
        ArrayNode registered = WireJson.JSON.createArrayNode();
        for (JsonNode command : list) {
            ObjectNode json = ((ObjectNode) command).deepCopy().put("id", Long.toString(DiscordJson.snowflake()))
                    .put("application_id", Long.toString(applicationId)).put("version",
                            Long.toString(DiscordJson.snowflake()));
            json.put("type", command.path("type").asInt(1));
            if (guildId != null) {
                json.put("guild_id", Long.toString(guildId));
            }
            registered.add(json);
        }
        commands.put(guildId == null ? "global" : guildId.toString(), registered);
        notifyAll();
        return registered;
    }

    synchronized Map<String, JsonNode> commands() {
        return Map.copyOf(commands);
    }

    synchronized Interaction interact(long channelId, Long messageId, ObjectNode payload) {
        var interaction = new Interaction(payload.path("id").asLong(), payload.path("token").asString(), channelId,
                messageId, 0, payload);
        interactions.put(interaction.id(), interaction);
        return interaction;
    }

    synchronized Optional<Interaction> interaction(long id) {
        return Optional.ofNullable(interactions.get(id));
    }

    synchronized Optional<Interaction> interactionByToken(String token) {
        return interactions.values().stream().filter(found -> found.token().equals(token)).findFirst();
    }

    /** Records the callback; false when the interaction was already acknowledged. */
    synchronized boolean acknowledge(Interaction interaction, int type, JsonNode data,
            List<DiscordMessage.File> files) {
        if (interactions.get(interaction.id()).type() != 0) {
            return false;
        }
        interactions.put(interaction.id(), new Interaction(interaction.id(), interaction.token(),
                interaction.channelId(), interaction.messageId(), type, interaction.payload()));
        answers.add(new Answer(interaction.id(), type, data));
        if (type == 4) {
            ObjectNode reply = botPosts(interaction.channelId(), data.path("content").asString(""), data, null, files);
            reply.put("type", 20).put("application_id", Long.toString(applicationId));
            originals.put(interaction.token(), reply.path("id").asLong());
        } else if (type == 7 && interaction.messageId() != null) {
            botEdits(interaction.channelId(), interaction.messageId(), data);
        }
        notifyAll();
        return true;
    }

    private final Map<String, Long> originals = new LinkedHashMap<>();
    private final java.util.Set<Long> deletedOriginals = new java.util.HashSet<>();

    /** Edits the interaction's original response; a deferred one (type 5) becomes a message now. */
    synchronized ObjectNode editOriginal(Interaction interaction, String messageId, JsonNode request) {
        Long original = "@original".equals(messageId) ? originals.get(interaction.token())
                : Long.valueOf(messageId);
        if (original == null && interactions.get(interaction.id()).type() == 5) {
            ObjectNode reply = botPosts(interaction.channelId(), request.path("content").asString(""), request, null,
                    List.of());
            originals.put(interaction.token(), reply.path("id").asLong());
            return reply;
        }
        if (original == null) {
            throw DiscordRestApi.Refusal.unknown(10008, "Message");
        }
        return botEdits(interaction.channelId(), original, request);
    }

    /** Deletes the original response: a deferred one's "thinking…" placeholder, or the message that replaced it. */
    synchronized void deleteOriginal(Interaction interaction, String messageId) {
        Long original = "@original".equals(messageId) ? originals.get(interaction.token()) : Long.valueOf(messageId);
        if (original == null && interactions.get(interaction.id()).type() != 5) {
            throw DiscordRestApi.Refusal.unknown(10008, "Message");
        }
        if (original != null) {
            sent.remove(original);
        }
        deletedOriginals.add(interaction.id());
        notifyAll();
    }

    synchronized boolean originalDeleted(long interactionId) {
        return deletedOriginals.contains(interactionId);
    }

    synchronized List<Answer> answers() {
        return List.copyOf(answers);
    }

    /** Every message in a channel as {@code GET /messages} lists them, oldest first; ephemeral ones left out. */
    synchronized List<ObjectNode> messages(long channelId) {
        List<ObjectNode> messages = new ArrayList<>();
        sent(channelId).forEach(message -> messages.add((ObjectNode) message.current().json().deepCopy()));
        posted.values().stream().filter(message -> message.path("channel_id").asLong() == channelId)
                .forEach(message -> messages.add(message.deepCopy()));
        messages.removeIf(message -> (message.path("flags").asInt() & EPHEMERAL) != 0);
        messages.sort(java.util.Comparator.comparing(message -> Long.parseUnsignedLong(message.path("id").asString())));
        return messages;
    }

    synchronized List<DiscordMessage> sent(long channelId) {
        return sent.values().stream().filter(message -> message.channelId() == channelId).toList();
    }

    synchronized List<Typing> typing(long channelId) {
        return typing.stream().filter(entry -> entry.channelId() == channelId).toList();
    }

    synchronized List<Reaction> reactions(long channelId, long messageId) {
        return reactions.stream().filter(r -> r.channelId() == channelId && r.messageId() == messageId).toList();
    }

    /** Waits until {@code probe} finds something; fails with {@code what} after the timeout. */
    synchronized <T> T await(Supplier<Optional<T>> probe, Duration timeout, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Optional<T> found = probe.get(); ; found = probe.get()) {
            if (found.isPresent()) {
                return found.get();
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("No " + what + " within " + timeout);
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }

    private static void copy(JsonNode from, ObjectNode to, String... fields) {
        for (String field : fields) {
            if (from.has(field) && !from.path(field).isNull()) {
                to.set(field, from.path(field).deepCopy());
            }
            if (field.equals("embeds") && to.path("embeds").isArray()) {
                // Discord answers every embed a bot sends as a "rich" one, type included (JDA needs it)
                to.path("embeds").valueStream().filter(JsonNode::isObject)
                        .forEach(embed -> ((ObjectNode) embed).put("type", embed.path("type").asString("rich")));
            }
        }
    }
}
