package dev.starkbot.gateway.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.adapter.NativeWebSocketSession;
import org.springframework.web.socket.PingMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;

import dev.starkbot.gateway.GatewayProperties;
import dev.starkbot.user.Principal;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.Session;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;

/**
 * One client. Everything sent to it goes through a bounded queue drained by its own virtual thread, so a client
 * that reads slowly blocks only that thread: when its queue is full it is disconnected (1013) instead of
 * slowing anyone else or making the server hold more and more messages for it.
 */
final class Connection implements EventSink {

    private static final Logger log = LoggerFactory.getLogger(Connection.class);
    private static final Object PING = new Object();
    static final CloseStatus REVOKED = new CloseStatus(1008, "The credential is no longer valid");
    /** Tomcat's per-session timeout for a blocking write; without it a stalled client could hold its sender. */
    private static final String SEND_TIMEOUT = "org.apache.tomcat.websocket.BLOCKING_SEND_TIMEOUT";

    final WebSocketSession session;
    final Semaphore inFlight;
    final Bucket rate;
    private final BlockingQueue<Object> outbound;
    private final Thread sender;
    private volatile @Nullable Principal principal;
    /** What authenticated the connection, re-checked on every call: a logout or revocation ends its power. */
    private volatile @Nullable Supplier<Optional<Principal>> credential;
    private volatile long lastHeard = System.nanoTime();
    private volatile boolean closing;
    private volatile boolean revoked;
    private final long opened = System.nanoTime();
    private volatile long lastPinged = System.nanoTime();
    /** The parts of a text message still arriving; null between messages, so a quiet connection holds none. */
    private @Nullable StringBuilder partial;

    private final JsonMapper json;
    /** Where frames collect until {@link #drain} flushes them; null when the container cannot batch. */
    private final RemoteEndpoint.@Nullable Basic batch;

    Connection(WebSocketSession session, GatewayProperties limits, @Nullable Principal principal,
               @Nullable Supplier<Optional<Principal>> credential, JsonMapper json) {
        this.session = session;
        this.json = json;
        this.principal = principal;
        this.credential = credential;
        this.inFlight = new Semaphore(limits.maxInFlight());
        this.rate = Bucket.builder().addLimit(Bandwidth.builder().capacity(2L * limits.requestsPerSecond())
                .refillGreedy(limits.requestsPerSecond(), Duration.ofSeconds(1)).build()).build();
        // Linked, not an array: an array of sendQueue slots would be allocated for every connection up front,
        // 4 KB each for 1,000 slots, while nearly all of them stay empty nearly all of the time.
        this.outbound = new LinkedBlockingQueue<>(limits.sendQueue());
        RemoteEndpoint.Basic remote = null;
        if (session instanceof NativeWebSocketSession nativeSession
                && nativeSession.getNativeSession(Session.class) instanceof Session ws) {
            ws.getUserProperties().put(SEND_TIMEOUT, 10_000L);
            remote = batching(ws);
        }
        this.batch = remote;
        this.sender = Thread.ofVirtual().name("ws-send-" + session.getId()).start(this::drain);
    }

    /** Only authenticated connections subscribe, so only they are ever asked. */
    @Override
    public Principal principal() {
        Principal who = principal;
        if (who == null) {
            throw new IllegalStateException("not authenticated");
        }
        return who;
    }

    boolean authenticated() {
        return principal != null;
    }

    /** A connection whose credential has just ended sees nothing more, even before it is closed. */
    @Override
    public boolean canSee(Predicate<Principal> audience) {
        Principal who = principal;
        return who != null && !revoked && audience.test(who);
    }

    @Override
    public void deliver(GatewayEvent event) {
        send(event.notification());
    }

    @Override
    public void gap(String topic, long afterSeq, long oldestSeq) {
        ObjectNode data = json.createObjectNode().put("afterSeq", afterSeq).put("oldestSeq", oldestSeq);
        send(GatewayEvent.notification(GatewayEvent.params(json, topic, oldestSeq - 1, "gap", data)));
    }

    void authenticated(Principal who, Supplier<Optional<Principal>> check) {
        this.principal = who;
        this.credential = check;
    }

    /**
     * The principal as its credential says now (role changes included), or empty when the session ended, the key
     * was revoked or the account disabled; then the connection is closed.
     */
    Optional<Principal> revalidate() {
        Supplier<Optional<Principal>> check = credential;
        if (check == null) {
            return Optional.empty();
        }
        Optional<Principal> now = check.get();
        if (now.isEmpty()) {
            principal = null;
            revoked = true;
        } else {
            principal = now.get();
        }
        return now;
    }

    /**
     * Joins the parts of a text message as the container hands them over, on its one reading thread for this
     * connection. StarkBot takes messages in parts because the container would otherwise keep, for every
     * connection and for its whole life, a buffer as large as the largest message allowed (2 MB of characters for
     * the default 1 MiB) as soon as its first message arrived; parts are joined here only while a large message is
     * arriving, and typical requests come whole, in one part.
     *
     * @return the whole message once its last part is in; null while parts are still to come, or when the message
     *         is longer than {@code limit} characters, which closes the connection with 1009
     */
    @Nullable String assemble(String part, boolean last, long limit) {
        if (closing) {
            return null;
        }
        if (partial == null && last) {
            return part.length() > limit ? tooBig() : part;
        }
        StringBuilder parts = partial == null ? new StringBuilder() : partial;
        if (parts.length() + part.length() > limit) {
            return tooBig();
        }
        parts.append(part);
        partial = last ? null : parts;
        return last ? parts.toString() : null;
    }

    private @Nullable String tooBig() {
        partial = null;
        close(CloseStatus.TOO_BIG_TO_PROCESS);
        return null;
    }

    void heard() {
        lastHeard = System.nanoTime();
    }

    boolean pingDue(Duration interval) {
        long now = System.nanoTime();
        if (now - lastPinged < interval.toNanos()) {
            return false;
        }
        lastPinged = now;
        return true;
    }

    boolean ageExceeds(Duration age) {
        return System.nanoTime() - opened > age.toNanos();
    }

    Duration silentFor() {
        return Duration.ofNanos(System.nanoTime() - lastHeard);
    }

    void send(String text) {
        enqueue(text);
    }

    void ping() {
        enqueue(PING);
    }

    private void enqueue(Object message) {
        if (closing) {
            return;
        }
        if (!outbound.offer(message)) {
            log.info("Disconnecting WebSocket client {}: {} messages waiting to be sent", session.getId(),
                    outbound.size());
            close(new CloseStatus(1013, "Too slow: messages piled up; reconnect and resume"));
        }
    }

    /**
     * Closes in the background: the close frame has to wait behind whatever the client is not reading, and the
     * thread that found the client too slow (the one publishing events to everyone) must not wait with it.
     */
    void close(CloseStatus status) {
        if (closing) {
            return;
        }
        closing = true;
        sender.interrupt();
        outbound.clear();
        Thread.ofVirtual().name("ws-close-" + session.getId()).start(() -> {
            try {
                if (session.isOpen()) {
                    session.close(status);
                }
            } catch (IOException | RuntimeException e) {
                log.debug("Closing {} failed: {}", session.getId(), e.toString());
            }
        });
    }

    void stop() {
        sender.interrupt();
    }

    /** Whether a re-check found the credential gone; the connection is then closed after its last answer. */
    boolean revoked() {
        return revoked;
    }

    /** Closes once what is already queued (such as the error explaining why) has been sent. */
    void closeAfterPending(CloseStatus status) {
        if (!outbound.offer(status)) {
            close(status);
        }
    }

    /**
     * Lets the container gather frames in its output buffer instead of writing each to the socket at once: while
     * messages are waiting (a reply streaming to many connections), several go out in one write. {@link #drain}
     * flushes whenever the queue runs empty, so a lone message is never held back.
     */
    private static RemoteEndpoint.@Nullable Basic batching(Session ws) {
        try {
            RemoteEndpoint.Basic remote = ws.getBasicRemote();
            remote.setBatchingAllowed(true);
            return remote;
        } catch (IOException | RuntimeException e) {
            log.debug("No batching for {}: {}", ws.getId(), e.toString());
            return null;
        }
    }

    private void drain() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                Object next = outbound.poll();
                if (next == null) {
                    if (batch != null) {
                        batch.flushBatch();
                    }
                    next = outbound.take();
                }
                if (next instanceof CloseStatus status) {
                    close(status);
                    return;
                }
                WebSocketMessage<?> message = next == PING ? new PingMessage() : new TextMessage((String) next);
                session.sendMessage(message);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            close(new CloseStatus(1011, "Sending failed"));
        }
    }
}
