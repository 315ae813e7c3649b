package dev.starkbot.testing.fake;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * OpenAI's chat-completions API on loopback, for the real openai-java client (and any OpenAI-compatible client):
 * {@code POST /v1/chat/completions}, streamed or not, and {@code GET /v1/models}.
 *
 * <p>Like the real API it answers a missing or wrong {@code Authorization: Bearer} key with 401 and a body without
 * model or messages with 400, in OpenAI's error format and with an {@code x-request-id} header. Rejected requests
 * are recorded but consume no scripted reply. Completions take the next {@link #enqueue enqueued} reply; with none
 * left, a short text.
 */
public final class FakeOpenAiServer implements AutoCloseable {

    public static final String DEFAULT_API_KEY = "sk-proj-fake-key-for-tests-0123456789";

    private static final Map<String, String> JSON = Map.of("Content-Type", "application/json");
    private static final Map<String, String> SSE = Map.of("Content-Type", "text/event-stream; charset=utf-8");

    /** OpenAI's error type for every mistake of the client's. */
    private static final String INVALID = "invalid_request_error";

    private final String apiKey;
    private final List<String> models = new CopyOnWriteArrayList<>(List.of("gpt-4o-mini", "gpt-4.1", "o4-mini"));
    private final Queue<OpenAiReply> replies = new ConcurrentLinkedQueue<>();
    private final RequestJournal journal = new RequestJournal();
    private final LoopbackHttpServer http;

    private FakeOpenAiServer(String apiKey) {
        this.apiKey = apiKey;
        // Loads the JSON machinery now, so that a cold JVM's first reply does not trip a client's short timeout.
        new OpenAiChunks("warm-up", 0, true).stream(new OpenAiReply.Text("warm up", "stop", null));
        this.http = LoopbackHttpServer.start("fake-openai", this::handle);
    }

    public static FakeOpenAiServer start() {
        return start(DEFAULT_API_KEY);
    }

    public static FakeOpenAiServer start(String apiKey) {
        return new FakeOpenAiServer(apiKey);
    }

    /** What {@code OpenAIOkHttpClient.builder().baseUrl(…)} takes: {@code http://127.0.0.1:PORT/v1}. */
    public String baseUrl() {
        return http.baseUrl() + "/v1";
    }

    public String apiKey() {
        return apiKey;
    }

    /** Replaces the ids {@code GET /v1/models} lists. */
    public void models(String... ids) {
        models.clear();
        models.addAll(List.of(ids));
    }

    /** Scripts the next replies to {@code POST /v1/chat/completions}, consumed in order. */
    public void enqueue(OpenAiReply... replies) {
        this.replies.addAll(List.of(replies));
    }

    /** Every request received so far, rejected ones included, in arrival order. */
    public List<RecordedRequest> requests() {
        return journal.all();
    }

    /** The oldest request not yet taken, waiting up to the timeout for one to arrive. */
    public RecordedRequest takeRequest(Duration timeout) throws InterruptedException {
        return journal.take(timeout);
    }

    @Override
    public void close() {
        http.close();
    }

    private void handle(RecordedRequest request, HttpExchange exchange) throws IOException, InterruptedException {
        journal.add(request);
        String requestId = "req_" + WireJson.id("", 32).toLowerCase(Locale.ROOT);
        String route = request.method() + " " + request.path();
        String keyProblem = OpenAiErrors.keyProblem(request.header("authorization").orElse(null), apiKey);
        if (!route.equals("POST /v1/chat/completions") && !route.equals("GET /v1/models")) {
            error(exchange, requestId, 404, INVALID, null, null, "Invalid URL (" + route + ")");
        } else if (keyProblem != null) {
            String code = request.header("authorization").isPresent() ? "invalid_api_key" : null;
            error(exchange, requestId, 401, INVALID, null, code, keyProblem);
        } else if (route.equals("GET /v1/models")) {
            exchange.respond(200, headers(requestId, JSON), modelList());
        } else if (!request.json().isObject()) {
            error(exchange, requestId, 400, INVALID, null, null, OpenAiErrors.NOT_JSON);
        } else if (request.json().path("model").isMissingNode()) {
            error(exchange, requestId, 400, INVALID, null, null, "you must provide a model parameter");
        } else if (request.json().path("messages").isMissingNode()) {
            error(exchange, requestId, 400, INVALID, "messages", "missing_required_parameter",
                    "Missing required parameter: 'messages'.");
        } else {
            OpenAiReply reply = replies.poll();
            play(reply != null ? reply : OpenAiReply.text("Hello from the fake GPT."), request, exchange, requestId,
                    Duration.ZERO, null);
        }
    }

    private void play(OpenAiReply reply, RecordedRequest request, HttpExchange exchange, String requestId,
            Duration delay, StreamFault fault) throws IOException, InterruptedException {
        boolean streaming = request.streaming();
        boolean includeUsage = request.json().path("stream_options").path("include_usage").asBoolean(false);
        var chunks = new OpenAiChunks(request.json().path("model").asString(),
                WireJson.estimateTokens(request.json()), includeUsage);
        Map<String, String> headers = headers(requestId, streaming ? SSE : JSON);
        switch (reply) {
            case OpenAiReply.Paced paced -> play(paced.reply(), request, exchange, requestId, paced.delay(), fault);
            case OpenAiReply.Faulty faulty -> play(faulty.reply(), request, exchange, requestId, delay, faulty.fault());
            case OpenAiReply.Stall stall -> StreamPlayer.stall(exchange, stall.duration());
            case OpenAiReply.HttpError error -> {
                Map<String, String> errorHeaders = new LinkedHashMap<>(headers(requestId, JSON));
                errorHeaders.putAll(error.headers());
                exchange.respond(error.status(), errorHeaders,
                        OpenAiErrors.body(error.type(), null, error.code(), error.message()));
            }
            case OpenAiReply.ErrorEvent error when !streaming -> error(exchange, requestId, 500, error.type(),
                    null, null, error.message());
            case OpenAiReply.ErrorEvent error -> StreamPlayer.play(exchange, headers, chunks.stream(error), delay,
                    fault);
            case OpenAiReply.Replay _ when !streaming -> error(exchange, requestId, 500, "server_error", null,
                    null, "Fake misuse: a replayed transcript answers streaming requests only");
            case OpenAiReply.Replay replay -> StreamPlayer.play(exchange, headers, SseEvent.parseAll(read(replay)),
                    delay, fault);
            case OpenAiReply.Text text when streaming -> StreamPlayer.play(exchange, headers, chunks.stream(text),
                    delay, fault);
            case OpenAiReply.ToolCalls calls when streaming -> StreamPlayer.play(exchange, headers,
                    chunks.stream(calls), delay, fault);
            case OpenAiReply.Text text -> StreamPlayer.respond(exchange, headers, chunks.completion(text), delay,
                    fault);
            case OpenAiReply.ToolCalls calls -> StreamPlayer.respond(exchange, headers, chunks.completion(calls),
                    delay, fault);
        }
    }

    private String modelList() {
        ObjectNode list = WireJson.object().put("object", "list");
        ArrayNode data = list.putArray("data");
        long created = Instant.parse("2024-07-17T00:00:00Z").getEpochSecond();
        models.forEach(id -> data.addObject().put("id", id).put("object", "model").put("created", created)
                .put("owned_by", "system"));
        return WireJson.write(list);
    }

    private static void error(HttpExchange exchange, String requestId, int status, String type, String param,
            String code, String message) throws IOException {
        exchange.respond(status, headers(requestId, JSON), OpenAiErrors.body(type, param, code, message));
    }

    private static Map<String, String> headers(String requestId, Map<String, String> contentHeaders) {
        Map<String, String> headers = new LinkedHashMap<>(contentHeaders);
        headers.put("x-request-id", requestId);
        headers.put("openai-organization", "user-fake");
        headers.put("openai-version", "2020-10-01");
        headers.put("openai-processing-ms", "42");
        return headers;
    }

    private static String read(OpenAiReply.Replay replay) {
        try {
            return Files.readString(replay.transcript());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
