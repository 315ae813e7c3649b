package dev.starkbot.testing.fake;

import static dev.starkbot.testing.fake.FakeAnthropicServerIntegrationTest.accumulate;
import static dev.starkbot.testing.fake.FakeAnthropicServerIntegrationTest.client;
import static dev.starkbot.testing.fake.FakeAnthropicServerIntegrationTest.params;
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
import java.util.concurrent.CompletableFuture;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.Timeout;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.errors.AnthropicInvalidDataException;
import com.anthropic.errors.AnthropicIoException;
import com.anthropic.errors.InternalServerException;
import com.anthropic.errors.OverloadedException;
import com.anthropic.errors.RateLimitException;
import com.anthropic.errors.SseException;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.RawMessageStreamEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * How anthropic-java 3.x surfaces each fault the fake can produce: which exception, when, and whether it retries.
 * These are the facts StarkBot's Anthropic provider is written against.
 */
class AnthropicSdkFaultsIntegrationTest {

    private static final String TEXT = "One two three four five six seven eight";

    private final FakeAnthropicServer fake = FakeAnthropicServer.start();
    private final List<AnthropicClient> clients = new ArrayList<>();

    @AfterEach
    void close() {
        clients.forEach(AnthropicClient::close);
        fake.close();
    }

    private AnthropicClient client(int maxRetries) {
        return track(FakeAnthropicServerIntegrationTest.client(fake, maxRetries));
    }

    private AnthropicClient client(int maxRetries, Timeout timeout) {
        return track(AnthropicOkHttpClient.builder().baseUrl(fake.baseUrl()).apiKey(fake.apiKey())
                .maxRetries(maxRetries).timeout(timeout).build());
    }

    private AnthropicClient track(AnthropicClient client) {
        clients.add(client);
        return client;
    }

    @Test
    void rateLimitIsRetriedAfterRetryAfter() throws InterruptedException {
        fake.enqueue(AnthropicReply.rateLimited(1), AnthropicReply.text("after the wait"));
        long start = System.nanoTime();

        var message = accumulate(client(2), params("Hi"), new ArrayList<>());

        assertThat(message.content().getFirst().asText().text()).isEqualTo("after the wait");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(950));
        assertThat(fake.takeRequest(Duration.ZERO).header("x-stainless-retry-count")).contains("0");
        assertThat(fake.takeRequest(Duration.ZERO).header("x-stainless-retry-count")).contains("1");
    }

    @Test
    void retryAfterMsTakesPrecedence() {
        fake.enqueue(AnthropicReply.httpError(429, "rate_limit_error", "Slow down",
                Map.of("retry-after-ms", "100", "retry-after", "30")), AnthropicReply.text("soon"));
        long start = System.nanoTime();

        accumulate(client(1), params("Hi"), new ArrayList<>());

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(fake.requests()).hasSize(2);
    }

    @Test
    void rateLimitSurfacesFromCreateStreamingWhenRetriesAreOff() {
        fake.enqueue(AnthropicReply.rateLimited(7));

        // The status arrives before any event, so createStreaming itself throws, not the iteration.
        assertThatThrownBy(() -> client(0).messages().createStreaming(params("Hi")))
                .isInstanceOfSatisfying(RateLimitException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(429);
                    assertThat(e.headers().values("retry-after")).containsExactly("7");
                    assertThat(e.type().map(Object::toString)).contains("rate_limit_error");
                    assertThat(e.requestId()).isPresent();
                });
    }

    @Test
    void overloadedIsAnInternalServerException() {
        fake.enqueue(AnthropicReply.overloaded(), AnthropicReply.overloaded());

        assertThatThrownBy(() -> client(1).messages().create(params("Hi")))
                .isInstanceOf(OverloadedException.class).isInstanceOf(InternalServerException.class)
                .satisfies(e -> assertThat(((OverloadedException) e).statusCode()).isEqualTo(529));
        assertThat(fake.requests()).as("one retry of a 529").hasSize(2);
    }

    @Test
    void shouldRetryFalseStopsTheRetries() {
        fake.enqueue(AnthropicReply.httpError(500, "api_error", "Internal server error",
                Map.of("x-should-retry", "false")));

        assertThatThrownBy(() -> client(2).messages().create(params("Hi")))
                .isExactlyInstanceOf(InternalServerException.class);
        assertThat(fake.requests()).hasSize(1);
    }

    @Test
    void errorEventMidStreamIsAnSseExceptionAndNotRetried() {
        fake.enqueue(AnthropicReply.errorEvent("overloaded_error"));
        List<RawMessageStreamEvent> seen = new ArrayList<>();

        assertThatThrownBy(() -> accumulate(client(2), params("Hi"), seen))
                .isInstanceOfSatisfying(SseException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(200);
                    assertThat(e.type().map(Object::toString)).contains("overloaded_error");
                });
        // message_start, content_block_start and two deltas; ping is never surfaced.
        assertThat(seen).hasSize(4);
        assertThat(fake.requests()).hasSize(1);
    }

    @Test
    void nonStreamingErrorEventIsTheMatchingHttpError() {
        fake.enqueue(AnthropicReply.errorEvent("overloaded_error"));

        assertThatThrownBy(() -> client(0).messages().create(params("Hi"))).isInstanceOf(OverloadedException.class);
    }

    @Test
    void cutMidStreamIsAnIoExceptionAfterTheEventsSent() {
        fake.enqueue(AnthropicReply.cutAfter(AnthropicReply.text(TEXT), 5));
        List<RawMessageStreamEvent> seen = new ArrayList<>();

        assertThatThrownBy(() -> accumulate(client(2), params("Hi"), seen))
                .isInstanceOf(AnthropicIoException.class).hasMessage("Stream failed")
                .cause().isInstanceOf(EOFException.class);
        // Five events on the wire, one of them the ping the SDK drops.
        assertThat(seen).hasSize(4);
        assertThat(fake.requests()).as("a failed stream is not retried").hasSize(1);
    }

    @Test
    void malformedEventIsInvalidData() {
        fake.enqueue(AnthropicReply.malformedAfter(AnthropicReply.text(TEXT), 4));
        List<RawMessageStreamEvent> seen = new ArrayList<>();

        assertThatThrownBy(() -> accumulate(client(2), params("Hi"), seen))
                .isInstanceOf(AnthropicInvalidDataException.class).hasMessage("Error reading response");
        assertThat(seen).hasSize(3);
        assertThat(fake.requests()).hasSize(1);
    }

    @Test
    void truncatedStreamEndsQuietlyWithoutAMessage() {
        fake.enqueue(AnthropicReply.truncatedAfter(AnthropicReply.text(TEXT), 5));
        var accumulator = MessageAccumulator.create();

        try (StreamResponse<RawMessageStreamEvent> stream = client(0).messages().createStreaming(params("Hi"))) {
            assertThat(stream.stream().map(accumulator::accumulate)).hasSize(4);
        }
        assertThatThrownBy(accumulator::message).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("message_stop");
    }

    @Test
    void cutNonStreamingBodyIsInvalidDataAndNotRetried() {
        fake.enqueue(AnthropicReply.cutAfter(AnthropicReply.text(TEXT), 0));

        // The body is read after the retry loop has returned the response, so this is never retried.
        assertThatThrownBy(() -> client(2).messages().create(params("Hi")))
                .isInstanceOf(AnthropicInvalidDataException.class).hasMessage("Error reading response")
                .cause().isInstanceOf(ProtocolException.class).hasMessage("unexpected end of stream");
        assertThat(fake.requests()).hasSize(1);
    }

    @Test
    void stallIsAReadTimeout() {
        client(0).messages().create(params("warm up")); // so that the timing below is the stall's, not class loading's
        var client = client(0, Timeout.builder().read(Duration.ofMillis(300)).request(Duration.ofSeconds(10)).build());
        fake.enqueue(AnthropicReply.stall(Duration.ofSeconds(30)));
        long start = System.nanoTime();

        assertThatThrownBy(() -> client.messages().createStreaming(params("Hi")))
                .isInstanceOf(AnthropicIoException.class).hasMessage("Request failed")
                .cause().isInstanceOf(SocketTimeoutException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(250),
                Duration.ofSeconds(5));
    }

    @Test
    void stallPastTheRequestTimeoutIsInterrupted() {
        fake.enqueue(AnthropicReply.stall(Duration.ofSeconds(30)));

        assertThatThrownBy(() -> client(0, Timeout.builder().request(Duration.ofMillis(300)).read(Duration
                .ofSeconds(10)).build()).messages().createStreaming(params("Hi")))
                .isInstanceOf(AnthropicIoException.class).cause().isInstanceOf(InterruptedIOException.class);
    }

    @Test
    void stallIsRetriedLikeAnyIoFailure() {
        fake.enqueue(AnthropicReply.stall(Duration.ofSeconds(30)), AnthropicReply.text("second try"));
        var timeout = Timeout.builder().read(Duration.ofMillis(300)).build();

        var message = accumulate(client(1, timeout), params("Hi"), new ArrayList<>());

        assertThat(message.content().getFirst().asText().text()).isEqualTo("second try");
        assertThat(fake.requests()).hasSize(2);
    }

    @Test
    void requestTimeoutAlsoBoundsTheWholeStream() {
        fake.enqueue(AnthropicReply.paced(AnthropicReply.text(TEXT), Duration.ofMillis(100)));
        var timeout = Timeout.builder().read(Duration.ofSeconds(5)).request(Duration.ofMillis(500)).build();
        List<RawMessageStreamEvent> seen = new ArrayList<>();

        assertThatThrownBy(() -> accumulate(client(0, timeout), params("Hi"), seen))
                .isInstanceOf(AnthropicIoException.class).hasMessage("Stream failed")
                .cause().isInstanceOf(InterruptedIOException.class);
        assertThat(seen).isNotEmpty();
    }

    @Test
    void idleStreamIsAReadTimeout() {
        fake.enqueue(AnthropicReply.paced(AnthropicReply.text(TEXT), Duration.ofMillis(800)));
        var timeout = Timeout.builder().read(Duration.ofMillis(300)).build();

        assertThatThrownBy(() -> accumulate(client(2, timeout), params("Hi"), new ArrayList<>()))
                .isInstanceOf(AnthropicIoException.class).hasMessage("Stream failed")
                .cause().isInstanceOf(SocketTimeoutException.class);
        assertThat(fake.requests()).hasSize(1);
    }

    @Test
    void closingTheFakeEndsAStall() throws Exception {
        fake.enqueue(AnthropicReply.stall(Duration.ofMinutes(5)));
        var call = CompletableFuture.runAsync(() -> client(0).messages().create(params("Hi")));
        fake.takeRequest(Duration.ofSeconds(5));
        long start = System.nanoTime();

        fake.close();

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
        assertThatThrownBy(call::join).hasCauseInstanceOf(AnthropicIoException.class);
    }
}
