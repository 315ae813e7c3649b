package dev.starkbot.gateway.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PongMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.TextWebSocketHandler;

import dev.starkbot.gateway.GatewayProperties;
import dev.starkbot.observability.RequestIds;
import dev.starkbot.shared.ClientAddress;
import dev.starkbot.shared.ErrorKind;
import dev.starkbot.user.Credentials;
import dev.starkbot.user.Principal;
import io.github.bucket4j.ConsumptionProbe;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * JSON-RPC 2.0 over one WebSocket per client, as the specification describes it: single requests, batches,
 * notifications (no response), ids echoed exactly as given, and the standard error codes. Each frame is handled on
 * a virtual thread of its own, so a slow method never stops the connection from reading.
 */
class JsonRpcHandler extends TextWebSocketHandler {

    private static final Logger log = LoggerFactory.getLogger(JsonRpcHandler.class);

    private final GatewayProperties limits;
    private final RpcRegistry registry;
    private final RpcInvoker invoker;
    private final Credentials credentials;
    private final JsonMapper json;
    private final JsonMapper frames;
    private final EventHub events;
    final Map<String, Connection> connections = new ConcurrentHashMap<>();

    JsonRpcHandler(GatewayProperties limits, RpcRegistry registry, RpcInvoker invoker, Credentials credentials,
                   JsonMapper json, EventHub events) {
        this.events = events;
        this.limits = limits;
        this.registry = registry;
        this.invoker = invoker;
        this.credentials = credentials;
        this.json = json;
        // A separate parser for what clients send, so that its limits never affect anything else.
        this.frames = JsonMapper.builder(JsonFactory.builder().streamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(limits.maxDepth()).maxDocumentLength(limits.maxFrameSize().toBytes()).build())
                .build()).build();
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession session) {
        // Text comes in parts, joined by Connection.assemble, which closes with 1009 past maxFrameSize: a text
        // limit of maxFrameSize here would make the container hold a buffer that large for every connection. A
        // binary frame is refused (1003) by TextWebSocketHandler, so its buffer can stay tiny.
        session.setBinaryMessageSizeLimit(GatewayBuffers.BINARY_BYTES);
        Principal principal = session.getAttributes().get(GatewayHandshake.PRINCIPAL) instanceof Principal p ? p
                : null;
        @SuppressWarnings("unchecked")
        Supplier<Optional<Principal>> credential = principal == null ? null
                : (Supplier<Optional<Principal>>) session.getAttributes().get(GatewayHandshake.CREDENTIAL);
        connections.put(session.getId(), new Connection(session, limits, principal, credential, json));
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        Connection connection = connections.remove(session.getId());
        if (connection != null) {
            connection.stop();
            events.unsubscribeAll(connection);
        }
    }

    /** Parts, so that no connection holds a buffer of the largest message allowed: see Connection.assemble. */
    @Override
    public boolean supportsPartialMessages() {
        return true;
    }

    @Override
    protected void handlePongMessage(WebSocketSession session, PongMessage message) {
        Connection connection = connections.get(session.getId());
        if (connection != null) {
            connection.heard();
        }
    }

    @Override
    protected void handleTextMessage(WebSocketSession session, TextMessage message) {
        Connection connection = connections.get(session.getId());
        if (connection == null) {
            return;
        }
        connection.heard();
        String payload = connection.assemble(message.getPayload(), message.isLast(), limits.maxFrameSize().toBytes());
        if (payload == null) {
            return;
        }
        Thread.ofVirtual().name("ws-rpc-" + session.getId()).start(() -> {
            String reply = handleFrame(connection, payload);
            if (reply != null) {
                connection.send(reply);
            }
            if (connection.revoked()) {
                connection.closeAfterPending(Connection.REVOKED);
            }
        });
    }

    /** @return the text to send back, or null when nothing is owed (notifications only) */
    @Nullable String handleFrame(Connection connection, String payload) {
        JsonNode frame;
        try {
            frame = frames.readTree(payload);
        } catch (JacksonException e) {
            return write(error(null, RpcError.parse(firstLine(e.getOriginalMessage()))));
        }
        if (frame == null || frame.isMissingNode()) {
            return write(error(null, RpcError.parse("empty frame")));
        }
        if (frame.isArray()) {
            if (frame.isEmpty()) {
                return write(error(null, RpcError.invalidRequest("an empty batch")));
            }
            if (frame.size() > limits.maxBatch()) {
                return write(error(null, RpcError.invalidRequest("a batch of more than " + limits.maxBatch())));
            }
            ArrayNode replies = json.createArrayNode();
            for (JsonNode request : frame) {
                ObjectNode reply = handleRequest(connection, request);
                if (reply != null) {
                    replies.add(reply);
                }
            }
            return replies.isEmpty() ? null : write(replies);
        }
        ObjectNode reply = handleRequest(connection, frame);
        return reply == null ? null : write(reply);
    }

    private @Nullable ObjectNode handleRequest(Connection connection, JsonNode request) {
        if (!request.isObject()) {
            return error(null, RpcError.invalidRequest("a request must be an object"));
        }
        JsonNode id = request.get("id");
        boolean notification = id == null;
        if (id != null && !(id.isString() || id.isNumber() || id.isNull())) {
            return error(null, RpcError.invalidRequest("id must be a string, a number or null"));
        }
        JsonNode method = request.path("method");
        if (!"2.0".equals(request.path("jsonrpc").asString(null)) || !method.isString()) {
            return error(id, RpcError.invalidRequest("needs \"jsonrpc\": \"2.0\" and a string \"method\""));
        }
        JsonNode params = request.path("params");
        if (!params.isMissingNode() && !params.isObject() && !params.isArray()) {
            return error(id, RpcError.invalidRequest("params must be an object or an array"));
        }
        ConsumptionProbe probe = connection.rate.tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            return notification ? null : error(id, RpcError.of(ErrorKind.RATE_LIMITED,
                    "rate-limited", "Too many requests on this connection",
                    Math.max(1, probe.getNanosToWaitForRefill() / 1_000_000)));
        }
        if (!connection.inFlight.tryAcquire()) {
            return notification ? null : error(id, RpcError.of(ErrorKind.RATE_LIMITED,
                    "too-many-in-flight", "Too many requests in flight on this connection", 100L));
        }
        try {
            JsonNode result = call(connection, method.asString(), params);
            return notification ? null : json.createObjectNode().put("jsonrpc", "2.0").<ObjectNode>set("result",
                    result).set("id", id);
        } catch (RpcFailure failure) {
            return notification ? null : error(id, failure.error());
        } catch (RuntimeException e) {
            log.error("JSON-RPC method {} failed", method.asString(), e);
            return notification ? null : error(id, RpcError.internal());
        } finally {
            connection.inFlight.release();
        }
    }

    private JsonNode call(Connection connection, String method, JsonNode params) {
        if (method.equals("auth")) {
            String token = params.path("token").asString("");
            Optional<Principal> principal = token.isBlank() ? Optional.empty() : credentials.bearer(token);
            Principal who = principal.orElseThrow(() -> new RpcFailure(RpcError.of(
                    ErrorKind.UNAUTHENTICATED, "invalid-credentials",
                    "The token is invalid, expired or revoked", null)));
            connection.authenticated(who, () -> credentials.bearer(token));
            return json.createObjectNode().put("userId", who.userId()).put("username", who.username())
                    .put("role", who.role().id());
        }
        if (!connection.authenticated()) {
            throw new RpcFailure(RpcError.of(ErrorKind.UNAUTHENTICATED, "unauthenticated",
                    "Authenticate first: send an auth request with a session token or API key", null));
        }
        // The credential is checked again for every call, as every HTTP request checks it.
        Principal principal = connection.revalidate().orElseThrow(() -> new RpcFailure(RpcError.of(
                ErrorKind.UNAUTHENTICATED, "invalid-credentials", "The credential is invalid, expired or revoked",
                null)));
        if (method.equals("rpc.discover")) {
            return OpenRpc.describe(registry.all(), json);
        }
        if (method.equals("subscribe") || method.equals("unsubscribe")) {
            ObjectNode result = json.createObjectNode();
            for (String topic : topics(params)) {
                if (method.equals("subscribe")) {
                    result.put(topic, events.subscribe(connection, topic));
                } else {
                    events.unsubscribe(connection, topic);
                }
            }
            return result;
        }
        if (method.equals("resume")) {
            String topic = Topics.check(params.path("topic").asString(""));
            if (!params.path("afterSeq").canConvertToLong()) {
                throw new RpcFailure(RpcError.invalidParams("afterSeq must be a number"));
            }
            return json.createObjectNode().put(topic, events.resume(connection, topic,
                    params.path("afterSeq").asLong()));
        }
        RpcEndpoint endpoint = registry.find(method);
        if (endpoint == null) {
            throw new RpcFailure(RpcError.methodNotFound(method));
        }
        // Each call gets a request id of its own, as an HTTP request would, to find its log lines.
        MDC.put(RequestIds.MDC_KEY, "ws-" + connection.session.getId() + "-" + Long.toHexString(System.nanoTime()));
        try {
            var remote = connection.session.getRemoteAddress();
            String address = remote == null ? "unknown" : remote.getAddress().getHostAddress();
            return ClientAddress.as(address, () -> invoker.invoke(endpoint, principal, params));
        } finally {
            MDC.remove(RequestIds.MDC_KEY);
        }
    }

    private static List<String> topics(JsonNode params) {
        JsonNode topics = params.path("topics");
        if (!topics.isArray() || topics.isEmpty()) {
            throw new RpcFailure(RpcError.invalidParams("topics must be a non-empty array of names"));
        }
        return topics.valueStream().map(t -> Topics.check(t.asString(""))).toList();
    }

    private ObjectNode error(@Nullable JsonNode id, RpcError error) {
        ObjectNode reply = json.createObjectNode().put("jsonrpc", "2.0");
        ObjectNode body = reply.putObject("error").put("code", error.code()).put("message", error.message());
        ObjectNode data = body.putObject("data").put("type", error.type()).put("retryable", error.retryable());
        if (error.retryAfterMs() != null) {
            data.put("retryAfterMs", error.retryAfterMs());
        }
        reply.set("id", id == null ? json.nullNode() : id);
        return reply;
    }

    private String write(JsonNode node) {
        return json.writeValueAsString(node);
    }

    private static String firstLine(@Nullable String message) {
        return message == null ? "unexpected input" : message.lines().findFirst().orElse(message);
    }

    List<Connection> snapshot() {
        return new ArrayList<>(connections.values());
    }
}
