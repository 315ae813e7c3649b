package dev.starkbot.testing.fake;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A fake Discord on loopback: the REST API under {@code /api/v10} and the Gateway WebSocket, so that JDA runs
 * unchanged against it. Point JDA at it with {@code RestConfig.setBaseUrl(restUrl())} and a session controller
 * whose {@code getGateway()} returns {@link #gatewayUrl()}; pin {@code Compression.NONE} (the fake refuses
 * zlib-stream).
 *
 * <p>Tests act as users ({@link #userSends}, {@link #userRunsSlashCommand}, …), which dispatches Gateway events
 * in the bot's session, and inspect what the bot did ({@link #sentMessages}, {@link #typing}, …). REST calls
 * need {@code Authorization: Bot <token>} (401 otherwise) except the interaction routes, which authenticate by
 * their token in the path; content over 2000 characters is refused with Discord's 400; every response carries
 * the {@code X-RateLimit-*} headers of its route's bucket, and {@link #failNext} scripts 429s and other faults.
 *
 * <p>The same port serves Discord's CDN: attachments, the users' ({@link #userSendsFile}) and the bot's uploads,
 * at signed URLs that need no token (see {@link DiscordCdn}). {@link #outage} makes all of it, Gateway included,
 * unreachable for a while.
 */
public final class FakeDiscordServer implements AutoCloseable {

    public static final String DEFAULT_TOKEN = "MTAwMDAwMDAwMDAwMDAwMDAx.GfAkE1.fakeTokenForStarkBotTests_0123456789ab";
    public static final long BOT_ID = 1_000_000_000_000_000_001L;
    public static final String BOT_USERNAME = "starkbot";


    private final String token;
    private final DiscordWorld world;
    private final DiscordPayloads payloads;
    private final DiscordGateway gateway;
    private final LoopbackWebSocketServer ws;
    private final LoopbackHttpServer http;
    private final DiscordRestApi api;
    private final DiscordCdn cdn = new DiscordCdn();
    private volatile Instant unreachableUntil = Instant.MIN;
    private final DiscordOAuth2 oauth2;
    private final Map<String, Queue<DiscordFault>> faults = new ConcurrentHashMap<>();
    private final DiscordRateLimits limits = new DiscordRateLimits();
    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();

    private FakeDiscordServer(String token) {
        this.token = token;
        DiscordUser bot = new DiscordUser(BOT_ID, BOT_USERNAME, true);
        this.world = new DiscordWorld(bot, BOT_ID, cdn);
        this.payloads = new DiscordPayloads(world);
        this.gateway = new DiscordGateway(token, payloads::ready, world::guildCreates);
        this.ws = LoopbackWebSocketServer.start("fake-discord-gateway", gateway);
        this.gateway.resumeUrl(ws.baseUrl() + "/resume");
        this.http = LoopbackHttpServer.start("fake-discord", this::handle);
        this.cdn.baseUrl(http.baseUrl());
        this.api = new DiscordRestApi(world, ws.baseUrl());
        this.oauth2 = new DiscordOAuth2(world);
    }

    public static FakeDiscordServer start() {
        return new FakeDiscordServer(DEFAULT_TOKEN);
    }

    /** What {@code RestConfig.setBaseUrl} takes, with its trailing slash: {@code http://127.0.0.1:PORT/api/v10/}. */
    public String restUrl() {
        return http.baseUrl() + "/api/v10/";
    }

    /** What a session controller's {@code getGateway()} returns; JDA appends {@code ?encoding=json&v=10}. */
    public String gatewayUrl() {
        return ws.baseUrl() + "/";
    }

    public String token() {
        return token;
    }

    public DiscordUser bot() {
        return world.bot();
    }

    /** The heartbeat interval Hello announces; Discord's is 41.25 s, short ones make zombie tests quick. */
    public void heartbeatInterval(Duration interval) {
        gateway.heartbeatInterval(interval);
    }

    // Setting up -------------------------------------------------------------------------------------------------

    /** A guild the bot is in; add it before the bot connects, as READY lists the guilds. */
    public void guild(long guildId, String name, DiscordUser owner) {
        world.guild(guildId, name, owner);
    }

    /** A text channel of a guild. */
    public void textChannel(long guildId, long channelId, String name) {
        world.channel(guildId, channelId, name);
    }

    /** The DM channel between the bot and a user (the one {@code POST /users/@me/channels} returns). */
    public long dmChannel(DiscordUser user) {
        return world.dmWith(user);
    }

    /** The application's id, which is the OAuth2 client id. */
    public long applicationId() {
        return world.applicationId();
    }

    /** The application's OAuth2 client secret, which {@code POST /oauth2/token} checks. */
    public String clientSecret() {
        return oauth2.clientSecret();
    }

    /** Resets the client secret, as the Developer Portal's "Reset Secret" does. */
    public void clientSecret(String secret) {
        oauth2.clientSecret(secret);
    }

    // OAuth2 -----------------------------------------------------------------------------------------------------

    /**
     * The owner picked a guild of the world on Discord's authorize page and pressed Authorize; returns the code
     * Discord puts in the redirect to {@code redirectUri}, single use, valid for 10 minutes, for that URI only.
     */
    public String ownerAuthorizes(long guildId, String redirectUri) {
        return oauth2.authorize(guildId, redirectUri);
    }

    /** Ages every authorization code issued so far past its lifetime. */
    public void expireAuthorizationCodes() {
        oauth2.expireCodes();
    }

    // Acting as users --------------------------------------------------------------------------------------------

    /** A user posts in a channel (a guild text channel or a {@link #dmChannel}); returns the MESSAGE_CREATE data. */
    public ObjectNode userSends(long channelId, DiscordUser from, String text) {
        return dispatch("MESSAGE_CREATE", world.userPosts(channelId, from, text, List.of(), null));
    }

    /**
     * A user posts a file, with text or none ({@code ""}); its bytes are on the fake's CDN, unauthenticated, at the
     * attachment's {@code url}. Returns the MESSAGE_CREATE data.
     */
    public ObjectNode userSendsFile(long channelId, DiscordUser from, String text, String fileName,
            String contentType, byte[] bytes) {
        return userSendsFiles(channelId, from, text, List.of(new DiscordMessage.File(fileName, contentType, bytes)));
    }

    /** A user posts several files in one message (Discord allows 10). */
    public ObjectNode userSendsFiles(long channelId, DiscordUser from, String text, List<DiscordMessage.File> files) {
        return dispatch("MESSAGE_CREATE", world.userPosts(channelId, from, text, List.of(), null, files));
    }

    /** A user replies to a message (theirs or the bot's). */
    public ObjectNode userReplies(long channelId, DiscordUser from, long replyTo, String text) {
        return dispatch("MESSAGE_CREATE", world.userPosts(channelId, from, text, List.of(), replyTo));
    }

    /** A user writes {@code <@bot> text}, with the bot in {@code mentions} as Discord's clients send it. */
    public ObjectNode userMentionsBot(long channelId, DiscordUser from, String text) {
        return dispatch("MESSAGE_CREATE", world.userPosts(channelId, from, bot().mention() + " " + text,
                List.of(bot()), null));
    }

    /** A user runs a chat-input command with string options; returns the INTERACTION_CREATE data. */
    public ObjectNode userRunsSlashCommand(long channelId, DiscordUser from, String name, Map<String, String> options) {
        ObjectNode data = WireJson.object().put("id", payloads.commandId(name)).put("name", name).put("type", 1);
        var list = data.putArray("options");
        options.forEach((option, value) -> list.addObject().put("name", option).put("type", 3).put("value", value));
        ObjectNode payload = payloads.interaction(2, channelId, from, data);
        Long guildId = world.channel(channelId);
        if (guildId != null) {
            data.put("guild_id", Long.toString(guildId));
        }
        world.interact(channelId, null, payload);
        return dispatch("INTERACTION_CREATE", payload);
    }

    /** A user presses a button ({@code custom_id}) on one of the bot's messages. */
    public ObjectNode userPressesButton(long channelId, DiscordUser from, long messageId, String customId) {
        ObjectNode message = world.message(channelId, messageId)
                .orElseThrow(() -> new IllegalArgumentException("No message " + messageId + " in " + channelId));
        ObjectNode data = WireJson.object().put("custom_id", customId).put("component_type", 2);
        ObjectNode payload = payloads.interaction(3, channelId, from, data);
        payload.set("message", message.deepCopy());
        world.interact(channelId, messageId, payload);
        return dispatch("INTERACTION_CREATE", payload);
    }

    /**
     * Someone adds the bot to a new guild with one text channel while it is connected: Discord dispatches the
     * guild's GUILD_CREATE in the live session. Returns its data.
     */
    public ObjectNode botAddedToGuild(long guildId, String name, DiscordUser owner, long channelId,
            String channelName) {
        world.guild(guildId, name, owner);
        world.channel(guildId, channelId, channelName);
        return dispatch("GUILD_CREATE", world.guildCreate(guildId));
    }

    // Inspecting the bot -----------------------------------------------------------------------------------------

    /** The bot's messages in a channel, oldest first, each with its edit history. */
    public List<DiscordMessage> sentMessages(long channelId) {
        return world.sent(channelId);
    }

    /** Waits for a message of the bot's in the channel (edits count) that matches; fails after the timeout. */
    public DiscordMessage awaitSent(long channelId, Predicate<DiscordMessage> matching, Duration timeout)
            throws InterruptedException {
        return world.await(() -> world.sent(channelId).stream().filter(matching).findFirst(), timeout,
                "matching message from the bot in channel " + channelId);
    }

    public List<DiscordWorld.Typing> typing(long channelId) {
        return world.typing(channelId);
    }

    /** The emoji the bot reacted with on a message, URL-decoded ({@code 👍}, or {@code name:id} for custom ones). */
    public List<String> reactions(long channelId, long messageId) {
        return world.reactions(channelId, messageId).stream().map(DiscordWorld.Reaction::emoji).toList();
    }

    /** The commands as last registered: key {@code "global"} or the guild id. */
    public Map<String, JsonNode> registeredCommands() {
        return world.commands();
    }

    /** How the bot answered interactions, in order. */
    public List<DiscordWorld.Answer> interactionAnswers() {
        return world.answers();
    }

    /** Whether the bot deleted an interaction's original response (or its "thinking…" placeholder). */
    public boolean originalDeleted(long interactionId) {
        return world.originalDeleted(interactionId);
    }

    public DiscordWorld.Answer awaitInteractionAnswer(long interactionId, Duration timeout)
            throws InterruptedException {
        return world.await(() -> world.answers().stream().filter(a -> a.interactionId() == interactionId)
                .findFirst(), timeout, "answer to interaction " + interactionId);
    }

    /** Every REST request received, faulted and refused ones included, in arrival order. */
    public List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    /** The requests of one route, e.g. {@code "POST /channels/{channel_id}/messages"}. */
    public List<RecordedRequest> requests(String route) {
        return requests.stream().filter(request -> route(request).map(DiscordRoute::key).orElse("").equals(route))
                .toList();
    }

    /** Every Gateway payload the bot sent (Identify, Resume, heartbeats), in order. */
    public List<JsonNode> gatewayPayloads() {
        return gateway.received();
    }

    /** The payloads of one opcode the bot sent. */
    public List<JsonNode> gatewayPayloads(int op) {
        return gateway.received().stream().filter(payload -> payload.path("op").asInt() == op).toList();
    }

    /** The query string of every Gateway connection attempt. */
    public List<String> gatewayConnections() {
        return gateway.connections();
    }

    public boolean gatewayConnected() {
        return gateway.connected();
    }

    // Faults -----------------------------------------------------------------------------------------------------

    /** Scripts how the next calls of a route fail, consumed one per call; route as {@link #requests(String)}. */
    public void failNext(String route, DiscordFault... faults) {
        if (DiscordRoute.known().stream().noneMatch(known -> known.key().equals(route))) {
            throw new IllegalArgumentException("No route " + route);
        }
        this.faults.computeIfAbsent(route, key -> new ConcurrentLinkedQueue<>()).addAll(List.of(faults));
    }

    /**
     * Discord is unreachable for a while: the bot's Gateway connection is dropped without a close frame, new
     * Gateway connections are dropped unanswered, and REST and CDN calls are read and hung up on without a
     * response (still recorded in {@link #requests()}, so attempts can be counted). The session stays resumable:
     * events dispatched meanwhile ({@link #userSends} works) are replayed when the bot resumes afterwards.
     */
    public void outage(Duration duration) {
        Instant until = Instant.now().plus(duration);
        unreachableUntil = until;
        gateway.outage(until);
    }

    /** A zombie connection: heartbeats on the bot's current Gateway connection are no longer acknowledged. */
    public void stopAcknowledgingHeartbeats() {
        gateway.stopAcknowledgingHeartbeats();
    }

    /** The largest file a message may carry; above it Discord answers 413 with code 40005. Default 10 MiB. */
    public void uploadLimit(long bytes) {
        api.uploadLimit(bytes);
    }

    /** Every attachment URL handed out so far expires: the CDN answers 404 to it, as to an unknown file. */
    public void expireAttachmentUrls() {
        cdn.expireUrls();
    }

    /** Closes the bot's Gateway connection with a close frame: 4000 (unknown error) and 1001 keep the session. */
    public void disconnectGateway(int closeCode) {
        gateway.disconnect(closeCode, closeCode == 4000 ? "Unknown error." : "Going away");
    }

    /** Drops the bot's Gateway TCP connection without a close frame. */
    public void dropGatewayConnection() {
        gateway.drop();
    }

    /** Op 9 with {@code d: false}: the session is gone and the bot must identify again. */
    public void invalidateSession() {
        gateway.invalidate(false);
    }

    /** Op 9 with {@code d: true}: the bot may resume. */
    public void invalidateSessionResumable() {
        gateway.invalidate(true);
    }

    /** Op 7: Discord asks the bot to reconnect and resume. */
    public void requestReconnect() {
        gateway.requestReconnect();
    }

    @Override
    public void close() {
        ws.close();
        http.close();
    }

    // Internals --------------------------------------------------------------------------------------------------

    private ObjectNode dispatch(String type, ObjectNode data) {
        if (!gateway.dispatch(type, data)) {
            throw new IllegalStateException("The bot has never identified: no session to dispatch " + type + " in");
        }
        return data;
    }

    private static Optional<DiscordRoute> route(RecordedRequest request) {
        return parameters(request).map(Map.Entry::getKey);
    }

    private static Optional<Map.Entry<DiscordRoute, List<String>>> parameters(RecordedRequest request) {
        if (!request.path().startsWith("/api/v10/")) {
            return Optional.empty();
        }
        String path = request.path().substring("/api/v10".length());
        for (DiscordRoute route : DiscordRoute.known()) {
            Optional<List<String>> found = route.match(request.method(), path);
            if (found.isPresent()) {
                return Optional.of(Map.entry(route, found.get()));
            }
        }
        return Optional.empty();
    }

    private void handle(RecordedRequest request, HttpExchange exchange) throws IOException, InterruptedException {
        requests.add(request);
        if (Instant.now().isBefore(unreachableUntil)) {
            exchange.hangUp();
            return;
        }
        if (DiscordCdn.serves(request)) {
            cdn.serve(request, exchange);
            return;
        }
        var matched = parameters(request);
        if (matched.isEmpty()) {
            exchange.respond(404, DiscordRateLimits.headers(null, null), DiscordJson.error(0, "404: Not Found"));
            return;
        }
        DiscordRoute route = matched.get().getKey();
        List<String> parameters = matched.get().getValue();
        String bucket = route.key() + (parameters.isEmpty() ? "" : " " + parameters.getFirst());
        Queue<DiscordFault> scripted = faults.get(route.key());
        DiscordFault fault = scripted == null ? null : scripted.poll();
        if (fault != null && !DiscordRateLimits.sendFault(fault, bucket, exchange)) {
            return;
        }
        if (route.equals(DiscordRoute.OAUTH2_TOKEN)) {
            // authenticated by the client's id and secret, not by the bot token
            DiscordRestApi.Reply reply = oauth2.token(request);
            exchange.respond(reply.status(), DiscordRateLimits.headers(null, null), reply.body());
            return;
        }
        if (!route.interaction() && !("Bot " + token).equals(request.header("authorization").orElse(""))) {
            exchange.respond(401, DiscordRateLimits.headers(null, null), DiscordJson.error(0, "401: Unauthorized"));
            return;
        }
        long[] window = limits.take(bucket);
        if (window == null) {
            DiscordRateLimits.sendFault(DiscordRateLimits.exhausted(), bucket, exchange);
            return;
        }
        try {
            DiscordRestApi.Reply reply = api.call(route, parameters, request);
            exchange.respond(reply.status(), DiscordRateLimits.headers(bucket, window), reply.body());
        } catch (DiscordRestApi.Refusal refusal) {
            exchange.respond(refusal.status, DiscordRateLimits.headers(bucket, window), refusal.body);
        }
    }
}
