package dev.starkbot.testing.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.JsonValue;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.errors.SseException;
import com.anthropic.errors.UnauthorizedException;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.ContentBlock;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCountTokensParams;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.StopReason;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The fake Anthropic API, driven by the real anthropic-java client: what StarkBot's provider will see. */
class FakeAnthropicServerIntegrationTest {

    static final Path SPECS = Path.of("/work/shared/specs/anthropic");

    private final FakeAnthropicServer fake = FakeAnthropicServer.start();
    private final AnthropicClient client = client(fake, 0);

    static AnthropicClient client(FakeAnthropicServer fake, int maxRetries) {
        return AnthropicOkHttpClient.builder().baseUrl(fake.baseUrl()).apiKey(fake.apiKey()).maxRetries(maxRetries)
                .build();
    }

    static MessageCreateParams params(String prompt) {
        return MessageCreateParams.builder().model("claude-sonnet-4-5").maxTokens(1024).addUserMessage(prompt)
                .build();
    }

    /** Streams a reply the way StarkBot will, keeping every event the SDK surfaced. */
    static Message accumulate(AnthropicClient client, MessageCreateParams params, List<RawMessageStreamEvent> seen) {
        var accumulator = MessageAccumulator.create();
        try (StreamResponse<RawMessageStreamEvent> stream = client.messages().createStreaming(params)) {
            stream.stream().forEach(event -> seen.add(accumulator.accumulate(event)));
        }
        return accumulator.message();
    }

    /** The SDK keeps tool input as its own Jackson 2 tree; this reads it into ours to compare. */
    static JsonNode json(JsonValue value) {
        return WireJson.read(value.convert(com.fasterxml.jackson.databind.JsonNode.class).toString());
    }

    @AfterEach
    void closeFake() {
        client.close();
        fake.close();
    }

    @Test
    void streamedTextAccumulatesToTextAndUsage() throws InterruptedException {
        fake.enqueue(AnthropicReply.text("Hello there, how are you today?", new AnthropicReply.Usage(120, 10, 30, 9)));
        List<RawMessageStreamEvent> seen = new ArrayList<>();

        Message message = accumulate(client, params("Hi"), seen);

        assertThat(message.content()).singleElement()
                .satisfies(block -> assertThat(block.asText().text()).isEqualTo("Hello there, how are you today?"));
        assertThat(message.stopReason()).contains(StopReason.END_TURN);
        assertThat(message.usage().inputTokens()).isEqualTo(120);
        assertThat(message.usage().cacheCreationInputTokens()).contains(10L);
        assertThat(message.usage().cacheReadInputTokens()).contains(30L);
        assertThat(message.usage().outputTokens()).isEqualTo(9);
        assertThat(seen.stream().filter(RawMessageStreamEvent::isContentBlockDelta)).hasSize(6);

        RecordedRequest request = fake.takeRequest(Duration.ofSeconds(1));
        assertThat(request.path()).isEqualTo("/v1/messages");
        // anthropic-java 3.x sends the API key as a bearer token, not as the documented x-api-key.
        assertThat(request.header("authorization")).contains("Bearer " + fake.apiKey());
        assertThat(request.header("x-api-key")).isEmpty();
        assertThat(request.header("anthropic-version")).isPresent();
        assertThat(request.json().path("stream").asBoolean()).isTrue();
        assertThat(request.json().path("model").asString()).isEqualTo("claude-sonnet-4-5");
        assertThat(request.json().path("messages").get(0).path("content").asString()).isEqualTo("Hi");
    }

    @Test
    void nonStreamingRequestGetsTheWholeMessage() {
        fake.enqueue(AnthropicReply.text("Whole answer."));

        Message message = client.messages().create(params("Hi"));

        assertThat(message.content().getFirst().asText().text()).isEqualTo("Whole answer.");
        assertThat(message.usage().inputTokens())
                .isEqualTo(FakeAnthropicServer.countTokens(fake.requests().getFirst().json()));
    }

    @Test
    void toolUseStreamYieldsTheToolInput() {
        String input = "{\"location\":\"Paris, France\",\"unit\":\"celsius\"}";
        fake.enqueue(AnthropicReply.toolUse("Let me check the weather.", "toolu_01A", "get_weather", input));
        List<RawMessageStreamEvent> seen = new ArrayList<>();

        Message message = accumulate(client, params("Weather in Paris?"), seen);

        assertThat(message.stopReason()).contains(StopReason.TOOL_USE);
        assertThat(message.content()).hasSize(2);
        assertThat(message.content().get(0).asText().text()).isEqualTo("Let me check the weather.");
        var toolUse = message.content().get(1).asToolUse();
        assertThat(toolUse.id()).isEqualTo("toolu_01A");
        assertThat(toolUse.name()).isEqualTo("get_weather");
        assertThat(json(toolUse._input())).isEqualTo(WireJson.read(input));
        assertThat(seen.stream().filter(e -> e.isContentBlockDelta() && e.asContentBlockDelta().delta()
                .isInputJson())).hasSizeGreaterThan(3);
    }

    @Test
    void nonStreamingToolUseCarriesTheInputAsAnObject() {
        fake.enqueue(AnthropicReply.toolUse("", "toolu_01B", "search", "{\"query\":\"starkbot\"}"));

        Message message = client.messages().create(params("Search"));

        assertThat(message.content()).singleElement().extracting(ContentBlock::asToolUse)
                .satisfies(use -> assertThat(json(use._input())).isEqualTo(WireJson.read("{\"query\":\"starkbot\"}")));
    }

    @Test
    void documentedBasicStreamReplaysAndParses() {
        fake.enqueue(AnthropicReply.replay(SPECS.resolve("anthropic-docs-basic-stream.sse")));

        Message message = accumulate(client, params("Hi"), new ArrayList<>());

        assertThat(message.content().getFirst().asText().text()).isEqualTo("Hello!");
        assertThat(message.usage().inputTokens()).isEqualTo(25);
        assertThat(message.usage().outputTokens()).isEqualTo(15);
    }

    @Test
    void documentedToolUseStreamReplaysAndParses() {
        fake.enqueue(AnthropicReply.replay(SPECS.resolve("anthropic-docs-tool-use-stream.sse")));

        Message message = accumulate(client, params("Weather?"), new ArrayList<>());

        assertThat(message.content().get(0).asText().text())
                .isEqualTo("Okay, let's check the weather for San Francisco, CA:");
        assertThat(json(message.content().get(1).asToolUse()._input()))
                .isEqualTo(WireJson.read("{\"location\": \"San Francisco, CA\", \"unit\": \"fahrenheit\"}"));
    }

    @Test
    void documentedErrorEventReplaysAsSseException() {
        fake.enqueue(AnthropicReply.replay(SPECS.resolve("anthropic-docs-error-event.sse")));

        assertThatThrownBy(() -> accumulate(client, params("Hi"), new ArrayList<>()))
                .isInstanceOfSatisfying(SseException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(200);
                    assertThat(e.type().map(Object::toString)).contains("overloaded_error");
                    assertThat(e.apiMessage()).contains("Overloaded");
                });
    }

    @Test
    void replayIsByteForByte() throws Exception {
        Path transcript = SPECS.resolve("anthropic-docs-tool-use-stream.sse");
        fake.enqueue(AnthropicReply.replay(transcript));

        HttpResponse<String> response = rawPost("/v1/messages", Map.of("x-api-key", fake.apiKey(),
                "anthropic-version", "2023-06-01"), "{\"model\":\"m\",\"max_tokens\":1,\"messages\":[],"
                + "\"stream\":true}");

        assertThat(response.headers().firstValue("content-type")).contains("text/event-stream; charset=utf-8");
        assertThat(response.body()).isEqualTo(Files.readString(transcript));
    }

    @Test
    void countsTokens() {
        var params = MessageCountTokensParams.builder().model("claude-sonnet-4-5").addUserMessage("Hello, Claude")
                .build();

        long count = client.messages().countTokens(params).inputTokens();

        assertThat(count).isEqualTo(FakeAnthropicServer.countTokens(fake.requests().getFirst().json()))
                .isEqualTo(8);
    }

    @Test
    void wrongApiKeyIsUnauthorized() {
        var wrongKey = AnthropicOkHttpClient.builder().baseUrl(fake.baseUrl()).apiKey("sk-ant-wrong").maxRetries(0)
                .build();
        fake.enqueue(AnthropicReply.text("never sent"));
        try {
            assertThatThrownBy(() -> wrongKey.messages().create(params("Hi")))
                    .isInstanceOfSatisfying(UnauthorizedException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(401);
                        assertThat(e.type().map(Object::toString)).contains("authentication_error");
                        assertThat(e.requestId()).hasValueSatisfying(id -> assertThat(id).startsWith("req_"));
                    });
        } finally {
            wrongKey.close();
        }
        // A rejected request does not consume the script.
        assertThat(client.messages().create(params("Hi")).content().getFirst().asText().text())
                .isEqualTo("never sent");
    }

    @Test
    void rejectsWhatTheRealApiRejects() throws Exception {
        var valid = Map.of("x-api-key", fake.apiKey(), "anthropic-version", "2023-06-01");
        String body = "{\"model\":\"m\",\"max_tokens\":1,\"messages\":[]}";

        HttpResponse<String> noVersion = rawPost("/v1/messages", Map.of("x-api-key", fake.apiKey()), body);
        HttpResponse<String> noMaxTokens = rawPost("/v1/messages", valid, "{\"model\":\"m\",\"messages\":[]}");
        HttpResponse<String> noKey = rawPost("/v1/messages", Map.of("anthropic-version", "2023-06-01"), body);
        HttpResponse<String> notJson = rawPost("/v1/messages", valid, "{");

        assertThat(noVersion.statusCode()).isEqualTo(400);
        assertThat(noVersion.body()).startsWith("{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\","
                + "\"message\":\"anthropic-version: header is required\"},\"request_id\":\"req_");
        assertThat(noVersion.headers().firstValue("request-id")).isPresent();
        assertThat(noMaxTokens.statusCode()).isEqualTo(400);
        assertThat(noMaxTokens.body()).contains("max_tokens: Field required");
        assertThat(noKey.statusCode()).isEqualTo(401);
        assertThat(noKey.body()).contains("authentication_error");
        assertThat(notJson.statusCode()).isEqualTo(400);
    }

    @Test
    void servesConcurrentStreams() throws Exception {
        for (int i = 0; i < 8; i++) {
            fake.enqueue(AnthropicReply.paced(AnthropicReply.text("Same answer for everyone"), Duration.ofMillis(20)));
        }
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Message>> messages = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                messages.add(executor.submit(() -> accumulate(client, params("Hi"), new ArrayList<>())));
            }
            for (Future<Message> message : messages) {
                assertThat(message.get().content().getFirst().asText().text()).isEqualTo("Same answer for everyone");
            }
        }
        assertThat(fake.requests()).hasSize(8);
    }

    private HttpResponse<String> rawPost(String path, Map<String, String> headers, String body) throws Exception {
        try (var http = HttpClient.newHttpClient()) {
            var request = HttpRequest.newBuilder(URI.create(fake.baseUrl() + path))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).header("content-type", "application/json");
            headers.forEach(request::header);
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
    }
}
