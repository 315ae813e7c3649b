package dev.starkbot.testing.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.errors.UnauthorizedException;
import com.openai.helpers.ChatCompletionAccumulator;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.models.Model;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The fake OpenAI API, driven by the real openai-java client: what StarkBot's OpenAI provider will see. */
class FakeOpenAiServerIntegrationTest {

    private final FakeOpenAiServer fake = FakeOpenAiServer.start();
    private final OpenAIClient client = client(fake, 0);

    static OpenAIClient client(FakeOpenAiServer fake, int maxRetries) {
        return OpenAIOkHttpClient.builder().baseUrl(fake.baseUrl()).apiKey(fake.apiKey()).maxRetries(maxRetries)
                .build();
    }

    static ChatCompletionCreateParams params(String prompt) {
        return ChatCompletionCreateParams.builder().model("gpt-4o-mini").addUserMessage(prompt)
                .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build()).build();
    }

    /** Streams a reply the way StarkBot will, keeping every chunk the SDK surfaced. */
    static ChatCompletion accumulate(OpenAIClient client, ChatCompletionCreateParams params,
            List<ChatCompletionChunk> seen) {
        var accumulator = ChatCompletionAccumulator.create();
        try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(params)) {
            stream.stream().forEach(chunk -> seen.add(accumulator.accumulate(chunk)));
        }
        return accumulator.chatCompletion();
    }

    @AfterEach
    void closeFake() {
        client.close();
        fake.close();
    }

    @Test
    void streamedTextAccumulatesToTextAndUsage() throws InterruptedException {
        fake.enqueue(OpenAiReply.text("Hello there, how are you today?", new OpenAiReply.Usage(120, 9, 64)));
        List<ChatCompletionChunk> seen = new ArrayList<>();

        ChatCompletion completion = accumulate(client, params("Hi"), seen);

        var choice = completion.choices().getFirst();
        assertThat(choice.message().content()).contains("Hello there, how are you today?");
        assertThat(choice.finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
        var usage = completion.usage().orElseThrow();
        assertThat(usage.promptTokens()).isEqualTo(120);
        assertThat(usage.completionTokens()).isEqualTo(9);
        assertThat(usage.totalTokens()).isEqualTo(129);
        assertThat(usage.promptTokensDetails().orElseThrow().cachedTokens()).contains(64L);
        // Role chunk, six content chunks, finish chunk, usage chunk; [DONE] is never surfaced.
        assertThat(seen).hasSize(9);
        assertThat(seen.getLast().choices()).isEmpty();

        RecordedRequest request = fake.takeRequest(Duration.ofSeconds(1));
        assertThat(request.path()).isEqualTo("/v1/chat/completions");
        assertThat(request.header("authorization")).contains("Bearer " + fake.apiKey());
        assertThat(request.json().path("stream").asBoolean()).isTrue();
        assertThat(request.json().path("stream_options").path("include_usage").asBoolean()).isTrue();
    }

    @Test
    void withoutIncludeUsageThereIsNoUsageChunk() {
        fake.enqueue(OpenAiReply.text("No usage here"));
        List<ChatCompletionChunk> seen = new ArrayList<>();
        var params = ChatCompletionCreateParams.builder().model("gpt-4o-mini").addUserMessage("Hi").build();

        ChatCompletion completion = accumulate(client, params, seen);

        assertThat(completion.usage()).isEmpty();
        assertThat(seen).allSatisfy(chunk -> assertThat(chunk.choices()).hasSize(1));
    }

    @Test
    void toolCallStreamYieldsTheArguments() {
        fake.enqueue(OpenAiReply.toolCalls("", List.of(
                new ToolCall("call_1", "get_weather", "{\"location\":\"Paris, France\",\"unit\":\"celsius\"}"),
                new ToolCall("call_2", "get_time", "{\"timezone\":\"Europe/Paris\"}")), null));
        List<ChatCompletionChunk> seen = new ArrayList<>();

        ChatCompletion completion = accumulate(client, params("Weather and time in Paris?"), seen);

        var choice = completion.choices().getFirst();
        assertThat(choice.finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.TOOL_CALLS);
        assertThat(choice.message().content()).isEmpty();
        var calls = choice.message().toolCalls().orElseThrow();
        assertThat(calls).hasSize(2);
        assertThat(calls.get(0).asFunction().id()).isEqualTo("call_1");
        assertThat(calls.get(0).asFunction().function().name()).isEqualTo("get_weather");
        assertThat(calls.get(0).asFunction().function().arguments())
                .isEqualTo("{\"location\":\"Paris, France\",\"unit\":\"celsius\"}");
        assertThat(calls.get(1).asFunction().function().arguments()).isEqualTo("{\"timezone\":\"Europe/Paris\"}");
        assertThat(seen.stream().filter(chunk -> !chunk.choices().isEmpty()
                && chunk.choices().getFirst().delta().toolCalls().isPresent())).hasSizeGreaterThan(4);
    }

    @Test
    void toolCallAfterTextKeepsBoth() {
        fake.enqueue(OpenAiReply.toolUse("Checking.", "call_9", "search", "{\"query\":\"starkbot\"}"));

        ChatCompletion completion = accumulate(client, params("Search"), new ArrayList<>());

        var message = completion.choices().getFirst().message();
        assertThat(message.content()).contains("Checking.");
        assertThat(message.toolCalls().orElseThrow().getFirst().asFunction().function().arguments())
                .isEqualTo("{\"query\":\"starkbot\"}");
    }

    @Test
    void nonStreamingRequestGetsTheWholeCompletion() {
        fake.enqueue(OpenAiReply.length("Cut short by"));
        var params = ChatCompletionCreateParams.builder().model("gpt-4o-mini").addUserMessage("Hi").build();

        ChatCompletion completion = client.chat().completions().create(params);

        assertThat(completion.choices().getFirst().message().content()).contains("Cut short by");
        assertThat(completion.choices().getFirst().finishReason())
                .isEqualTo(ChatCompletion.Choice.FinishReason.LENGTH);
        assertThat(completion.usage().orElseThrow().promptTokens())
                .isEqualTo(WireJson.estimateTokens(fake.requests().getFirst().json()));
    }

    @Test
    void nonStreamingToolCall() {
        fake.enqueue(OpenAiReply.toolUse("", "call_3", "search", "{\"query\":\"x\"}"));
        var params = ChatCompletionCreateParams.builder().model("gpt-4o-mini").addUserMessage("Hi").build();

        var message = client.chat().completions().create(params).choices().getFirst().message();

        assertThat(message.content()).isEmpty();
        assertThat(message.toolCalls().orElseThrow().getFirst().asFunction().function().name()).isEqualTo("search");
    }

    @Test
    void listsModels() {
        fake.models("gpt-4o-mini", "llama3.1:8b");

        List<Model> models = client.models().list().data();

        assertThat(models).extracting(Model::id).containsExactly("gpt-4o-mini", "llama3.1:8b");
    }

    @Test
    void wrongApiKeyIsUnauthorizedWithItsCode() {
        var wrongKey = OpenAIOkHttpClient.builder().baseUrl(fake.baseUrl()).apiKey("sk-wrong-key-000").maxRetries(0)
                .build();
        try {
            assertThatThrownBy(() -> wrongKey.chat().completions().create(params("Hi")))
                    .isInstanceOfSatisfying(UnauthorizedException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(401);
                        assertThat(e.code()).contains("invalid_api_key");
                        assertThat(e.type()).contains("invalid_request_error");
                        assertThat(e.getMessage()).startsWith("401: Incorrect API key provided: sk-");
                    });
        } finally {
            wrongKey.close();
        }
    }

    @Test
    void rejectsWhatTheRealApiRejects() throws Exception {
        try (var http = HttpClient.newHttpClient()) {
            var request = HttpRequest.newBuilder(URI.create(fake.baseUrl() + "/chat/completions"))
                    .header("authorization", "Bearer " + fake.apiKey()).header("content-type", "application/json");

            HttpResponse<String> noMessages = http.send(request.POST(HttpRequest.BodyPublishers.ofString(
                    "{\"model\":\"gpt-4o-mini\"}")).build(), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> noKey = http.send(HttpRequest.newBuilder(URI.create(fake.baseUrl() + "/models"))
                    .build(), HttpResponse.BodyHandlers.ofString());

            assertThat(noMessages.statusCode()).isEqualTo(400);
            assertThat(noMessages.body()).isEqualTo("{\"error\":{\"message\":\"Missing required parameter: "
                    + "'messages'.\",\"type\":\"invalid_request_error\",\"param\":\"messages\",\"code\":"
                    + "\"missing_required_parameter\"}}");
            assertThat(noMessages.headers().firstValue("x-request-id")).isPresent();
            assertThat(noKey.statusCode()).isEqualTo(401);
            assertThat(noKey.body()).contains("\"code\":null");
        }
    }
}
