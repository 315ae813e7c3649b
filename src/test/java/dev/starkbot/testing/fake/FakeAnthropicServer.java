package dev.starkbot.testing.fake;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.jspecify.annotations.Nullable;

import tools.jackson.databind.JsonNode;

/**
 * Anthropic's Messages API on loopback, for the real anthropic-java client: {@code POST /v1/messages} (SSE when
 * the body says {@code "stream": true}, JSON otherwise) and {@code POST /v1/messages/count_tokens}.
 *
 * <p>Like the real API it rejects a missing or wrong key (401 authentication_error), sent as {@code x-api-key} or,
 * as anthropic-java 3.x does, as {@code Authorization: Bearer}; a missing {@code anthropic-version} header and a
 * body without model, max_tokens or messages (400 invalid_request_error), each with Anthropic's error body and a
 * {@code request-id} header. Rejected requests are recorded but consume no
 * scripted reply. Messages requests take the next {@link #enqueue enqueued} reply; with none left, a short text.
 */
public final class FakeAnthropicServer implements AutoCloseable {

    public static final String DEFAULT_API_KEY = "sk-ant-api03-fake-key-for-tests";

    private static final Map<String, String> JSON = Map.of("Content-Type", "application/json");
    private static final Map<String, String> SSE =
            Map.of("Content-Type", "text/event-stream; charset=utf-8", "Cache-Control", "no-cache");

    /** A stable organisation id, as every response of one real account carries the same one. */
    private static final String ORGANIZATION_ID =
            UUID.nameUUIDFromBytes("starkbot-tests".getBytes(StandardCharsets.UTF_8)).toString();

    private final String apiKey;
    private final Queue<AnthropicReply> replies = new ConcurrentLinkedQueue<>();
    private final RequestJournal journal = new RequestJournal();
    private final LoopbackHttpServer http;
    private volatile AnthropicReply fallback = AnthropicReply.text("Hello from the fake Claude.");
    private volatile boolean journaling = true;

    private FakeAnthropicServer(String apiKey, javax.net.ssl.@Nullable SSLContext tls) {
        this.apiKey = apiKey;
        // Loads the JSON machinery now, so that a cold JVM's first reply does not trip a client's short timeout.
        new AnthropicEvents("warm-up", 0).stream(new AnthropicReply.Text("warm up", "end_turn", null));
        this.http = LoopbackHttpServer.start("fake-anthropic", this::handle, tls);
    }

    /** Over https, as the real API is: the context's key must be for 127.0.0.1 and trusted by the client. */
    public static FakeAnthropicServer startTls(javax.net.ssl.SSLContext tls) {
        return new FakeAnthropicServer(DEFAULT_API_KEY, tls);
    }

    public static FakeAnthropicServer start() {
        return start(DEFAULT_API_KEY);
    }

    public static FakeAnthropicServer start(String apiKey) {
        return new FakeAnthropicServer(apiKey, null);
    }

    /** What {@code AnthropicOkHttpClient.builder().baseUrl(…)} takes: {@code http://127.0.0.1:PORT}. */
    public String baseUrl() {
        return http.baseUrl();
    }

    public String apiKey() {
        return apiKey;
    }

    /** Scripts the next replies to {@code POST /v1/messages}, consumed in order. */
    public void enqueue(AnthropicReply... replies) {
        this.replies.addAll(List.of(replies));
    }

    /**
     * For benchmarks: every request with nothing enqueued gets this reply, and requests are no longer recorded (a
     * journal of hundreds of thousands of requests would weigh on the harness, not on what is measured).
     */
    public void answerEveryRequestWith(AnthropicReply reply) {
        this.fallback = reply;
        this.journaling = false;
    }

    /** Every request received so far, rejected ones included, in arrival order. */
    public List<RecordedRequest> requests() {
        return journal.all();
    }

    /** The oldest request not yet taken, waiting up to the timeout for one to arrive. */
    public RecordedRequest takeRequest(Duration timeout) throws InterruptedException {
        return journal.take(timeout);
    }

    /** The fake's token count for a request body: see {@link WireJson#estimateTokens}. */
    public static long countTokens(JsonNode requestBody) {
        return WireJson.estimateTokens(requestBody);
    }

    @Override
    public void close() {
        http.close();
    }

    private void handle(RecordedRequest request, HttpExchange exchange) throws IOException, InterruptedException {
        if (journaling) {
            journal.add(request);
        }
        String requestId = WireJson.id("req_011C", 20);
        String route = request.method() + " " + request.path();
        if (!route.equals("POST /v1/messages") && !route.equals("POST /v1/messages/count_tokens")) {
            error(exchange, requestId, 404, "not_found_error", "Not Found");
            return;
        }
        String problem = problem(request, route.endsWith("count_tokens"));
        if (problem != null) {
            String type = problem.contains("x-api-key") ? "authentication_error" : "invalid_request_error";
            error(exchange, requestId, AnthropicErrors.status(type), type, problem);
        } else if (route.endsWith("count_tokens")) {
            String body = WireJson.write(WireJson.object().put("input_tokens", countTokens(request.json())));
            exchange.respond(200, headers(requestId, JSON), body);
        } else {
            AnthropicReply reply = replies.poll();
            play(reply != null ? reply : fallback, request, exchange,
                    requestId, Duration.ZERO, null);
        }
    }

    /** What the real API would reject the request for, in the order it checks, or null. */
    private String problem(RecordedRequest request, boolean countTokens) {
        // The documented header is x-api-key, but anthropic-java 3.x sends the key as a bearer token instead.
        var key = request.header("x-api-key")
                .or(() -> request.header("authorization").filter(value -> value.startsWith("Bearer "))
                        .map(value -> value.substring("Bearer ".length())));
        if (key.isEmpty()) {
            return "x-api-key header is required";
        }
        if (!key.get().equals(apiKey)) {
            return "invalid x-api-key";
        }
        if (request.header("anthropic-version").isEmpty()) {
            return "anthropic-version: header is required";
        }
        if (!request.json().isObject()) {
            return "There was an error parsing the body of your request. Please check that it is valid JSON.";
        }
        List<String> required = countTokens ? List.of("model", "messages") : List.of("model", "max_tokens",
                "messages");
        for (String field : required) {
            if (request.json().path(field).isMissingNode()) {
                return field + ": Field required";
            }
        }
        String messages = request.json().path("messages").toString();
        if (request.json().path("tools").isEmpty()
                && (messages.contains("\"type\":\"tool_use\"") || messages.contains("\"type\":\"tool_result\""))) {
            return "Requests which include `tool_use` or `tool_result` blocks must define tools.";
        }
        return null;
    }

    private void play(AnthropicReply reply, RecordedRequest request, HttpExchange exchange, String requestId,
            Duration delay, StreamFault fault) throws IOException, InterruptedException {
        var events = new AnthropicEvents(request.json().path("model").asString(), countTokens(request.json()));
        boolean streaming = request.streaming();
        Map<String, String> headers = headers(requestId, streaming ? SSE : JSON);
        switch (reply) {
            case AnthropicReply.Paced paced -> play(paced.reply(), request, exchange, requestId, paced.delay(), fault);
            case AnthropicReply.Faulty faulty -> play(faulty.reply(), request, exchange, requestId, delay,
                    faulty.fault());
            case AnthropicReply.Stall stall -> StreamPlayer.stall(exchange, stall.duration());
            case AnthropicReply.HttpError error -> {
                Map<String, String> errorHeaders = new LinkedHashMap<>(headers(requestId, JSON));
                errorHeaders.putAll(error.headers());
                exchange.respond(error.status(), errorHeaders,
                        AnthropicErrors.body(error.errorType(), error.message(), requestId));
            }
            case AnthropicReply.ErrorEvent error when !streaming -> error(exchange, requestId,
                    AnthropicErrors.status(error.errorType()), error.errorType(), error.message());
            case AnthropicReply.ErrorEvent error -> StreamPlayer.play(exchange, headers, events.stream(error), delay,
                    fault);
            case AnthropicReply.Replay _ when !streaming -> error(exchange, requestId, 500, "api_error",
                    "Fake misuse: a replayed transcript answers streaming requests only");
            case AnthropicReply.Replay replay -> StreamPlayer.play(exchange, headers,
                    SseEvent.parseAll(read(replay)), delay, fault);
            case AnthropicReply.Text text when streaming -> StreamPlayer.play(exchange, headers, events.stream(text),
                    delay, fault);
            case AnthropicReply.ToolUse toolUse when streaming -> StreamPlayer.play(exchange, headers,
                    events.stream(toolUse), delay, fault);
            case AnthropicReply.Text text -> StreamPlayer.respond(exchange, headers, events.message(text), delay,
                    fault);
            case AnthropicReply.ToolUse toolUse -> StreamPlayer.respond(exchange, headers, events.message(toolUse),
                    delay, fault);
        }
    }

    private static void error(HttpExchange exchange, String requestId, int status, String type, String message)
            throws IOException {
        exchange.respond(status, headers(requestId, JSON), AnthropicErrors.body(type, message, requestId));
    }

    private static Map<String, String> headers(String requestId, Map<String, String> contentHeaders) {
        Map<String, String> headers = new LinkedHashMap<>(contentHeaders);
        headers.put("request-id", requestId);
        headers.put("anthropic-organization-id", ORGANIZATION_ID);
        return headers;
    }

    private static String read(AnthropicReply.Replay replay) {
        try {
            return Files.readString(replay.transcript());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
