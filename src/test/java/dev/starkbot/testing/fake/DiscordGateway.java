package dev.starkbot.testing.fake;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Gateway side of {@link FakeDiscordServer}: Hello, Identify and READY, Resume with replay, heartbeats,
 * dispatches with sequence numbers, and the ways Discord ends a session (close codes, op 7, op 9, a dead socket).
 *
 * <p>A session outlives its connection, as on Discord: events dispatched while the bot is disconnected are kept
 * and replayed after a Resume that names the last sequence number the bot saw. Only JSON without transport
 * compression is spoken; a client asking for {@code compress=zlib-stream} is refused at the upgrade.
 */
final class DiscordGateway implements LoopbackWebSocketServer.Listener {

    /** Opcodes from Discord's Gateway documentation. */
    static final int DISPATCH = 0;
    static final int HEARTBEAT = 1;
    static final int IDENTIFY = 2;
    static final int RESUME = 6;
    static final int RECONNECT = 7;
    static final int INVALID_SESSION = 9;
    static final int HELLO = 10;
    static final int HEARTBEAT_ACK = 11;

    private static final HexFormat HEX = HexFormat.of();

    /** One bot session: its sequence, what was dispatched in it, and the connection it is on, if any. */
    private static final class Session {
        final String id = HEX.formatHex(java.security.SecureRandom.getSeed(16));
        final List<String> events = new ArrayList<>();
        LoopbackWebSocketServer.Connection connection;
    }

    private final String token;
    private final Supplier<ObjectNode> ready;
    private final Supplier<List<ObjectNode>> guildCreates;
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final List<JsonNode> received = new CopyOnWriteArrayList<>();
    private final List<String> connections = new CopyOnWriteArrayList<>();
    private volatile int heartbeatIntervalMs = 41_250;
    private volatile String resumeUrl;
    private volatile Instant unreachableUntil = Instant.MIN;
    private Session current;
    private LoopbackWebSocketServer.Connection zombie;

    DiscordGateway(String token, Supplier<ObjectNode> ready, Supplier<List<ObjectNode>> guildCreates) {
        this.token = token;
        this.ready = ready;
        this.guildCreates = guildCreates;
    }

    void resumeUrl(String url) {
        this.resumeUrl = url;
    }

    void heartbeatInterval(Duration interval) {
        this.heartbeatIntervalMs = (int) interval.toMillis();
    }

    List<JsonNode> received() {
        return List.copyOf(received);
    }

    /** The query string of every connection attempt, in order. */
    List<String> connections() {
        return List.copyOf(connections);
    }

    @Override
    public int accepts(RecordedRequest upgrade) {
        connections.add(upgrade.query());
        if (Instant.now().isBefore(unreachableUntil)) {
            return LoopbackWebSocketServer.DROP;
        }
        boolean json = upgrade.query().contains("encoding=json") && upgrade.query().contains("v=10");
        return json && !upgrade.query().contains("compress=") ? 101 : 400;
    }

    @Override
    public void opened(LoopbackWebSocketServer.Connection connection) {
        ObjectNode hello = WireJson.object().put("heartbeat_interval", heartbeatIntervalMs);
        hello.putArray("_trace").add("[\"gateway-prd-fake\",{\"micros\":0.0}]");
        connection.send(payload(HELLO, hello, null, null));
    }

    @Override
    public void text(LoopbackWebSocketServer.Connection connection, String text) throws IOException {
        JsonNode payload = WireJson.read(text);
        received.add(payload);
        JsonNode d = payload.path("d");
        switch (payload.path("op").asInt(-1)) {
            case HEARTBEAT -> {
                if (!isZombie(connection)) {
                    connection.send(payload(HEARTBEAT_ACK, null, null, null));
                }
            }
            case IDENTIFY -> identify(connection, d);
            case RESUME -> resume(connection, d);
            case 3, 4, 8 -> {
                // presence, voice state, request guild members: accepted, nothing to answer
            }
            default -> connection.close(4001, "Unknown opcode.");
        }
    }

    @Override
    public void closed(LoopbackWebSocketServer.Connection connection, int code) {
        synchronized (this) {
            for (Session session : sessions.values()) {
                if (session.connection == connection) {
                    session.connection = null;
                }
            }
        }
    }

    private void identify(LoopbackWebSocketServer.Connection connection, JsonNode d) {
        if (!token.equals(DiscordJson.text(d, "token"))) {
            connection.close(4004, "Authentication failed.");
            return;
        }
        var session = new Session();
        ObjectNode readyData = ready.get().put("session_id", session.id).put("resume_gateway_url", resumeUrl);
        synchronized (this) {
            sessions.put(session.id, session);
            current = session;
            session.connection = connection;
            send(session, "READY", readyData);
            for (ObjectNode guild : guildCreates.get()) {
                send(session, "GUILD_CREATE", guild);
            }
        }
    }

    private void resume(LoopbackWebSocketServer.Connection connection, JsonNode d) {
        Session session = sessions.get(DiscordJson.text(d, "session_id"));
        if (!token.equals(DiscordJson.text(d, "token"))) {
            connection.close(4004, "Authentication failed.");
            return;
        }
        if (session == null) {
            connection.send(payload(INVALID_SESSION, WireJson.JSON.booleanNode(false), null, null));
            return;
        }
        int seen = d.path("seq").asInt(0);
        synchronized (this) {
            session.connection = connection;
            current = session;
            for (int seq = seen + 1; seq <= session.events.size(); seq++) {
                connection.send(session.events.get(seq - 1));
            }
            ObjectNode resumed = WireJson.object();
            resumed.putArray("_trace").add("[\"gateway-prd-fake\",{\"micros\":0.0}]");
            send(session, "RESUMED", resumed);
        }
    }

    /**
     * Dispatches an event in the current session: sent now if the bot is connected, else kept for its Resume.
     *
     * @return whether there was a session to dispatch in (the bot has identified at least once)
     */
    synchronized boolean dispatch(String type, ObjectNode data) {
        if (current == null) {
            return false;
        }
        send(current, type, data);
        return true;
    }

    /** Closes the bot's connection with a close frame of the code; the session stays resumable unless it says. */
    synchronized void disconnect(int closeCode, String reason) {
        if (current != null && current.connection != null) {
            current.connection.close(closeCode, reason);
            current.connection = null;
        }
    }

    /** Drops the TCP connection without a close frame. */
    synchronized void drop() {
        if (current != null && current.connection != null) {
            current.connection.drop();
            current.connection = null;
        }
    }

    /**
     * Drops the bot's connection without a close frame and drops every new one until {@code until}; the session
     * stays resumable and keeps what is dispatched meanwhile.
     */
    synchronized void outage(Instant until) {
        unreachableUntil = until;
        drop();
    }

    /** Heartbeats on the bot's current connection go unanswered from now on: a zombie connection. */
    synchronized void stopAcknowledgingHeartbeats() {
        if (current == null || current.connection == null) {
            throw new IllegalStateException("The bot is not connected to the gateway");
        }
        zombie = current.connection;
    }

    private synchronized boolean isZombie(LoopbackWebSocketServer.Connection connection) {
        return connection == zombie;
    }

    /** Op 9. With {@code resumable} false the session is gone: a later Resume of it is refused with op 9 again. */
    synchronized void invalidate(boolean resumable) {
        if (current == null || current.connection == null) {
            throw new IllegalStateException("The bot is not connected to the gateway");
        }
        current.connection.send(payload(INVALID_SESSION, WireJson.JSON.booleanNode(resumable), null, null));
        if (!resumable) {
            sessions.remove(current.id);
        }
    }

    /** Op 7: Discord asks the bot to reconnect and resume. */
    synchronized void requestReconnect() {
        if (current != null && current.connection != null) {
            current.connection.send(payload(RECONNECT, null, null, null));
        }
    }

    synchronized boolean connected() {
        return current != null && current.connection != null && current.connection.isOpen();
    }

    synchronized int sessionCount() {
        return sessions.size();
    }

    private void send(Session session, String type, ObjectNode data) {
        String payload = payload(DISPATCH, data, session.events.size() + 1, type);
        session.events.add(payload);
        if (session.connection != null) {
            session.connection.send(payload);
        }
    }

    private static String payload(int op, JsonNode d, Integer seq, String type) {
        ObjectNode json = WireJson.object().put("op", op);
        json.set("d", d == null ? WireJson.JSON.nullNode() : d);
        json.put("s", seq).put("t", type);
        return WireJson.write(json);
    }

    static ArrayNode unavailable(List<Long> guildIds) {
        ArrayNode guilds = WireJson.JSON.createArrayNode();
        guildIds.forEach(id -> guilds.addObject().put("id", Long.toString(id)).put("unavailable", true));
        return guilds;
    }
}
