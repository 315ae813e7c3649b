package dev.starkbot.ai.internal;

import java.time.Clock;
import java.util.Optional;

import org.springframework.stereotype.Component;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.Timeout;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.errors.AnthropicInvalidDataException;
import com.anthropic.errors.AnthropicIoException;
import com.anthropic.errors.AnthropicServiceException;
import com.anthropic.errors.SseException;
import com.anthropic.models.messages.RawMessageStreamEvent;

import dev.starkbot.ai.AiProperties;
import dev.starkbot.ai.Cancellation;
import dev.starkbot.ai.ChatRequest;
import dev.starkbot.ai.ChatResult;
import dev.starkbot.ai.ChatSink;
import dev.starkbot.ai.ModelRef;
import dev.starkbot.ai.spi.LlmProvider;
import dev.starkbot.ai.spi.ProviderException;
import dev.starkbot.ai.spi.ProviderException.Failure;
import dev.starkbot.shared.NoDelaySockets;

/** Claude, through anthropic-java's Messages API, always streaming. */
@Component
class AnthropicProvider implements LlmProvider {

    private final AiProperties properties;
    private final ProviderKeys keys;
    private final Clock clock;
    private final StreamingCall.ClientCache<AnthropicClient> clients = new StreamingCall.ClientCache<>();

    AnthropicProvider(AiProperties properties, ProviderKeys keys, Clock clock) {
        this.properties = properties;
        this.keys = keys;
        this.clock = clock;
    }

    @Override
    public String id() {
        return ModelRef.ANTHROPIC;
    }

    @Override
    public boolean configured() {
        return keys.key(id(), properties.anthropic()).isPresent();
    }

    @Override
    public ChatResult stream(String model, ChatRequest request, ChatSink sink, Cancellation cancellation)
            throws ProviderException {
        AnthropicStream state = new AnthropicStream(new ModelRef(id(), model), sink);
        return StreamingCall.run(state, cancellation, () -> {
            StreamResponse<RawMessageStreamEvent> stream = client().messages()
                    .createStreaming(AnthropicMapping.params(model, request));
            return new StreamingCall.Stream<RawMessageStreamEvent>() {
                @Override
                public java.util.stream.Stream<RawMessageStreamEvent> events() {
                    return stream.stream();
                }

                @Override
                public void close() {
                    stream.close();
                }
            };
        }, e -> classify(state, e));
    }

    private ProviderException classify(AnthropicStream state, RuntimeException e) {
        if (e instanceof SseException sse) {
            String type = sse.type().map(String::valueOf).orElse(null);
            return state.failure(ProviderFailures.fromErrorType(type),
                    "Claude reported " + (type == null ? "an error" : type) + " mid-stream", null, e);
        }
        if (e instanceof AnthropicServiceException service) {
            var headers = service.headers();
            return state.failure(ProviderFailures.fromStatus(service.statusCode()),
                    "Claude answered HTTP " + service.statusCode() + service.type().map(t -> " (" + t + ")")
                            .orElse(""),
                    ProviderFailures.retryAfter(StreamingCall.first(headers.values("retry-after-ms")),
                            StreamingCall.first(headers.values("retry-after")), clock.instant()), e);
        }
        if (e instanceof AnthropicIoException) {
            Failure failure = ProviderFailures.fromIo(e);
            return state.failure(failure, failure == Failure.TIMEOUT ? "Claude did not answer in time"
                    : "the connection to Claude failed", null, e);
        }
        if (e instanceof AnthropicInvalidDataException) {
            return state.failure(Failure.MALFORMED, "Claude sent something that is not its protocol", null, e);
        }
        return state.failure(Failure.MALFORMED, "Claude's reply could not be read", null, e);
    }

    /** One SDK client per key and address; rebuilt only when either changes, so connections are reused. */
    private AnthropicClient client() throws ProviderException {
        AiProperties.Provider config = properties.anthropic();
        String key = keys.key(id(), config).orElseThrow(() -> new ProviderException(Failure.AUTH,
                "no API key for Claude", null, java.util.List.of(), dev.starkbot.ai.TokenUsage.NONE, null));
        Optional<String> baseUrl = keys.baseUrl(id(), config);
        return clients.get(key, baseUrl, () -> {
            // the SDK lets only the TLS factory be chosen: Nagle is off over https, not over plain http
            NoDelaySockets.Tls tls = NoDelaySockets.tls();
            AnthropicOkHttpClient.Builder builder = AnthropicOkHttpClient.builder().apiKey(key)
                    .maxIdleConnections(StreamingCall.MAX_IDLE_CONNECTIONS)
                    .keepAliveDuration(StreamingCall.KEEP_ALIVE)
                    .sslSocketFactory(tls.factory()).trustManager(tls.trustManager())
                    // retries are the AI service's, the same for every provider and visible to the person waiting
                    .maxRetries(0)
                    .timeout(Timeout.builder().connect(config.connectTimeout()).read(config.readTimeout())
                            .request(config.requestTimeout()).build());
            baseUrl.ifPresent(builder::baseUrl);
            return builder.build();
        });
    }
}
