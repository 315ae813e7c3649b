package dev.starkbot.ai.internal;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Component;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.Timeout;
import com.openai.core.http.StreamResponse;
import com.openai.errors.OpenAIInvalidDataException;
import com.openai.errors.OpenAIIoException;
import com.openai.errors.OpenAIServiceException;
import com.openai.errors.SseException;
import com.openai.models.chat.completions.ChatCompletionChunk;

import dev.starkbot.ai.AiProperties;
import dev.starkbot.ai.Cancellation;
import dev.starkbot.ai.ChatRequest;
import dev.starkbot.ai.ChatResult;
import dev.starkbot.ai.ChatSink;
import dev.starkbot.ai.ModelRef;
import dev.starkbot.ai.TokenUsage;
import dev.starkbot.ai.spi.LlmProvider;
import dev.starkbot.ai.spi.ProviderException;
import dev.starkbot.ai.spi.ProviderException.Failure;
import dev.starkbot.shared.NoDelaySockets;

/**
 * OpenAI and everything that speaks its chat-completions API at a base URL (Ollama, llama.cpp, vLLM, OpenRouter).
 * A local server needs no key, so a base URL alone makes this provider usable.
 */
@Component
class OpenAiProvider implements LlmProvider {

    private final AiProperties properties;
    private final ProviderKeys keys;
    private final Clock clock;
    private final StreamingCall.ClientCache<OpenAIClient> clients = new StreamingCall.ClientCache<>();

    OpenAiProvider(AiProperties properties, ProviderKeys keys, Clock clock) {
        this.properties = properties;
        this.keys = keys;
        this.clock = clock;
    }

    @Override
    public String id() {
        return ModelRef.OPENAI;
    }

    @Override
    public boolean configured() {
        return keys.key(id(), properties.openai()).isPresent() || keys.baseUrl(id(), properties.openai()).isPresent();
    }

    @Override
    public ChatResult stream(String model, ChatRequest request, ChatSink sink, Cancellation cancellation)
            throws ProviderException {
        OpenAiStream state = new OpenAiStream(new ModelRef(id(), model), sink);
        return StreamingCall.run(state, cancellation, () -> {
            StreamResponse<ChatCompletionChunk> stream = client().chat().completions()
                    .createStreaming(OpenAiMapping.params(model, request));
            return new StreamingCall.Stream<ChatCompletionChunk>() {
                @Override
                public java.util.stream.Stream<ChatCompletionChunk> events() {
                    return stream.stream();
                }

                @Override
                public void close() {
                    stream.close();
                }
            };
        }, e -> classify(state, e));
    }

    private ProviderException classify(OpenAiStream state, RuntimeException e) {
        if (e instanceof SseException sse) {
            String code = sse.code().orElse(null);
            return state.failure(ProviderFailures.fromErrorType(code), "the model server reported an error mid-stream",
                    null, e);
        }
        if (e instanceof OpenAIServiceException service) {
            var headers = service.headers();
            return state.failure(ProviderFailures.fromStatus(service.statusCode()),
                    "the model server answered HTTP " + service.statusCode(),
                    ProviderFailures.retryAfter(StreamingCall.first(headers.values("retry-after-ms")),
                            StreamingCall.first(headers.values("retry-after")), clock.instant()), e);
        }
        if (e instanceof OpenAIIoException) {
            Failure failure = ProviderFailures.fromIo(e);
            return state.failure(failure, failure == Failure.TIMEOUT ? "the model server did not answer in time"
                    : "the connection to the model server failed", null, e);
        }
        if (e instanceof OpenAIInvalidDataException) {
            return state.failure(Failure.MALFORMED, "the model server sent something that is not its protocol",
                    null, e);
        }
        return state.failure(Failure.MALFORMED, "the model server's reply could not be read", null, e);
    }

    private OpenAIClient client() throws ProviderException {
        AiProperties.Provider config = properties.openai();
        Optional<String> baseUrl = keys.baseUrl(id(), config);
        // local servers take any key, and the SDK insists on one
        String key = keys.key(id(), config).orElse(baseUrl.isPresent() ? "none" : "");
        if (key.isEmpty()) {
            throw new ProviderException(Failure.AUTH, "no API key for OpenAI and no base URL", null, List.of(),
                    TokenUsage.NONE, null);
        }
        return clients.get(key, baseUrl, () -> {
            // Nagle off (NoDelaySockets): a local server on plain http is where the delayed acknowledgement costs most.
            // Redirects are refused: with a client of our own, the SDK's guard that drops the key on a redirect to
            // another host may not apply, and no provider answers a chat request with one.
            okhttp3.OkHttpClient http = new okhttp3.OkHttpClient.Builder().socketFactory(NoDelaySockets.plain())
                    .retryOnConnectionFailure(false).followRedirects(false).followSslRedirects(false)
                    .connectionPool(new okhttp3.ConnectionPool(StreamingCall.MAX_IDLE_CONNECTIONS,
                            StreamingCall.KEEP_ALIVE.toMinutes(), java.util.concurrent.TimeUnit.MINUTES))
                    .connectTimeout(config.connectTimeout()).readTimeout(config.readTimeout())
                    .callTimeout(config.requestTimeout()).build();
            OpenAIOkHttpClient.Builder builder = OpenAIOkHttpClient.builder().okHttpClient(http).apiKey(key)
                    .maxRetries(0).timeout(Timeout.builder().connect(config.connectTimeout())
                            .read(config.readTimeout()).request(config.requestTimeout()).build());
            baseUrl.ifPresent(builder::baseUrl);
            return builder.build();
        });
    }
}
