package dev.starkbot.testing.fake;

import static dev.starkbot.testing.fake.FakeOpenAiServerIntegrationTest.accumulate;
import static dev.starkbot.testing.fake.FakeOpenAiServerIntegrationTest.params;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.EOFException;
import java.io.InterruptedIOException;
import java.net.ProtocolException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.Timeout;
import com.openai.core.http.StreamResponse;
import com.openai.errors.InternalServerException;
import com.openai.errors.OpenAIInvalidDataException;
import com.openai.errors.OpenAIIoException;
import com.openai.errors.RateLimitException;
import com.openai.errors.SseException;
import com.openai.helpers.ChatCompletionAccumulator;
import com.openai.models.chat.completions.ChatCompletionChunk;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * How openai-java 4.x surfaces each fault the fake can produce: which exception, when, and whether it retries.
 * These are the facts StarkBot's OpenAI-compatible provider is written against.
 */
class OpenAiSdkFaultsIntegrationTest {

    private static final String TEXT = "One two three four five six seven eight";

    private final FakeOpenAiServer fake = FakeOpenAiServer.start();
    private final List<OpenAIClient> clients = new ArrayList<>();

    @AfterEach
    void close() {
        clients.forEach(OpenAIClient::close);
        fake.close();
    }

    private OpenAIClient client(int maxRetries) {
        return client(maxRetries, Timeout.builder().build());
    }

    private OpenAIClient client(int maxRetries, Timeout timeout) {
        var client = OpenAIOkHttpClient.builder().baseUrl(fake.baseUrl()).apiKey(fake.apiKey())
                .maxRetries(maxRetries).timeout(timeout).build();
        clients.add(client);
        return client;
    }

    @Test
    void rateLimitIsRetriedAfterRetryAfter() {
        fake.enqueue(OpenAiReply.rateLimited(Map.of("retry-after", "1")), OpenAiReply.text("after the wait"));
        var client = client(2);
        long start = System.nanoTime();

        var completion = accumulate(client, params("Hi"), new ArrayList<>());

        assertThat(completion.choices().getFirst().message().content()).contains("after the wait");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(950));
        assertThat(fake.requests()).hasSize(2);
        assertThat(fake.requests().get(1).header("x-stainless-retry-count")).contains("1");
    }

    @Test
    void retryAfterMsIsHonoured() {
        fake.enqueue(OpenAiReply.rateLimited(Map.of("retry-after-ms", "100")), OpenAiReply.text("soon"));
        var client = client(1);
        long start = System.nanoTime();

        accumulate(client, params("Hi"), new ArrayList<>());

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
        assertThat(fake.requests()).hasSize(2);
    }

    @Test
    void rateLimitSurfacesFromCreateStreamingWhenRetriesAreOff() {
        fake.enqueue(OpenAiReply.rateLimited(Map.of("retry-after-ms", "250")));
        var client = client(0);

        assertThatThrownBy(() -> client.chat().completions().createStreaming(params("Hi")))
                .isInstanceOfSatisfying(RateLimitException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(429);
                    assertThat(e.headers().values("retry-after-ms")).containsExactly("250");
                    assertThat(e.code()).contains("rate_limit_exceeded");
                    assertThat(e.type()).contains("requests");
                });
    }

    @Test
    void insufficientQuotaIsARateLimitThatIsRetriedAnyway() {
        fake.enqueue(OpenAiReply.insufficientQuota(), OpenAiReply.insufficientQuota());
        var client = client(1);

        assertThatThrownBy(() -> client.chat().completions().create(params("Hi")))
                .isInstanceOfSatisfying(RateLimitException.class,
                        e -> assertThat(e.code()).contains("insufficient_quota"));
        assertThat(fake.requests()).as("the SDK retries on the status alone").hasSize(2);
    }

    @Test
    void serverErrorsAreInternalServerExceptions() {
        fake.enqueue(OpenAiReply.serverError(503));

        assertThatThrownBy(() -> client(0).chat().completions().create(params("Hi")))
                .isInstanceOfSatisfying(InternalServerException.class, e -> assertThat(e.statusCode()).isEqualTo(503));
    }

    @Test
    void shouldRetryFalseStopsTheRetries() {
        fake.enqueue(OpenAiReply.httpError(500, "server_error", null, "No", Map.of("x-should-retry", "false")));

        assertThatThrownBy(() -> client(2).chat().completions().create(params("Hi")))
                .isInstanceOf(InternalServerException.class);
        assertThat(fake.requests()).hasSize(1);
    }

    @Test
    void errorInsideTheStreamIsAnSseException() {
        fake.enqueue(OpenAiReply.errorEvent("server_error", "The server had an error while processing your request."));
        List<ChatCompletionChunk> seen = new ArrayList<>();

        assertThatThrownBy(() -> accumulate(client(2), params("Hi"), seen))
                .isInstanceOfSatisfying(SseException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(200);
                    assertThat(e.type()).contains("server_error");
                });
        assertThat(seen).hasSize(3);
        assertThat(fake.requests()).hasSize(1);
    }

    @Test
    void cutMidStreamIsAnIoExceptionAfterTheEventsSent() {
        fake.enqueue(OpenAiReply.cutAfter(OpenAiReply.text(TEXT), 4));
        List<ChatCompletionChunk> seen = new ArrayList<>();

        assertThatThrownBy(() -> accumulate(client(2), params("Hi"), seen))
                .isInstanceOf(OpenAIIoException.class).hasMessage("Stream failed")
                .cause().isInstanceOf(EOFException.class);
        assertThat(seen).hasSize(4);
        assertThat(fake.requests()).hasSize(1);
    }

    @Test
    void malformedChunkIsInvalidData() {
        fake.enqueue(OpenAiReply.malformedAfter(OpenAiReply.text(TEXT), 3));
        List<ChatCompletionChunk> seen = new ArrayList<>();

        assertThatThrownBy(() -> accumulate(client(2), params("Hi"), seen))
                .isInstanceOf(OpenAIInvalidDataException.class).hasMessage("Error reading response");
        assertThat(seen).hasSize(3);
        assertThat(fake.requests()).hasSize(1);
    }

    @Test
    void streamEndingWithoutDoneIsQuiet() {
        // Cut before the finish chunk: no exception, but no completion either.
        fake.enqueue(OpenAiReply.truncatedAfter(OpenAiReply.text(TEXT), 5));
        var accumulator = ChatCompletionAccumulator.create();

        try (StreamResponse<ChatCompletionChunk> stream = client(0).chat().completions()
                .createStreaming(params("Hi"))) {
            assertThat(stream.stream().map(accumulator::accumulate)).hasSize(5);
        }
        assertThatThrownBy(accumulator::chatCompletion).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void cutNonStreamingBodyIsInvalidData() {
        fake.enqueue(OpenAiReply.cutAfter(OpenAiReply.text(TEXT), 0));

        assertThatThrownBy(() -> client(2).chat().completions().create(params("Hi")))
                .isInstanceOf(OpenAIInvalidDataException.class)
                .cause().isInstanceOf(ProtocolException.class);
        assertThat(fake.requests()).hasSize(1);
    }

    @Test
    void stallIsAReadTimeout() {
        fake.enqueue(OpenAiReply.stall(Duration.ofSeconds(30)));
        var client = client(0, Timeout.builder().read(Duration.ofMillis(300)).build());

        assertThatThrownBy(() -> client.chat().completions().createStreaming(params("Hi")))
                .isInstanceOf(OpenAIIoException.class).hasMessage("Request failed")
                .cause().isInstanceOf(SocketTimeoutException.class);
    }

    @Test
    void stallPastTheRequestTimeoutIsInterrupted() {
        fake.enqueue(OpenAiReply.stall(Duration.ofSeconds(30)), OpenAiReply.stall(Duration.ofSeconds(30)));
        var client = client(1, Timeout.builder().request(Duration.ofMillis(300)).read(Duration.ofSeconds(10)).build());

        assertThatThrownBy(() -> client.chat().completions().createStreaming(params("Hi")))
                .isInstanceOf(OpenAIIoException.class).cause().isInstanceOf(InterruptedIOException.class);
        assertThat(fake.requests()).as("a timeout is retried").hasSize(2);
    }

    @Test
    void idleStreamIsAReadTimeout() {
        fake.enqueue(OpenAiReply.paced(OpenAiReply.text(TEXT), Duration.ofMillis(800)));
        var client = client(2, Timeout.builder().read(Duration.ofMillis(300)).build());

        assertThatThrownBy(() -> accumulate(client, params("Hi"), new ArrayList<>()))
                .isInstanceOf(OpenAIIoException.class).hasMessage("Stream failed")
                .cause().isInstanceOf(SocketTimeoutException.class);
        assertThat(fake.requests()).hasSize(1);
    }
}
