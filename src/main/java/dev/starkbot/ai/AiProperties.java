package dev.starkbot.ai;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import dev.starkbot.shared.Secret;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

/**
 * Language models.
 *
 * @param defaultModel   the model used when neither persona nor conversation names one, as {@code provider:model}
 * @param fallbacks      pairs tried in order when the chosen one is rate-limited or down, as {@code provider:model}
 * @param allowedModels  the models people may choose for conversations and personas, as {@code provider:model}, or
 *                       a prefix ending in {@code *} ({@code anthropic:claude-haiku-*}); empty allows any model of a
 *                       configured provider. The default model and the fallbacks are always allowed.
 * @param maxTokens      the reply budget of one model call
 * @param maxToolSteps   model calls of one turn that may end in tool use before the turn is stopped
 * @param contextWindows tokens each model can read, by model name, for models StarkBot does not know
 * @param anthropic      Claude
 * @param openai         OpenAI or any server with its API (Ollama, llama.cpp, vLLM, OpenRouter)
 * @param retry          how failed calls are retried before the next pair is tried
 */
@ConfigurationProperties("starkbot.ai")
@Validated
public record AiProperties(
        @DefaultValue("anthropic:claude-sonnet-4-5") @NotBlank String defaultModel,
        @Nullable List<String> fallbacks,
        @Nullable List<String> allowedModels,
        @DefaultValue("4096") @Min(16) @Max(128000) int maxTokens,
        @DefaultValue("8") @Min(1) @Max(50) int maxToolSteps,
        @Nullable Map<String, Integer> contextWindows,
        @DefaultValue @Valid Provider anthropic,
        @DefaultValue @Valid Provider openai,
        @DefaultValue @Valid Retry retry) {

    public AiProperties {
        fallbacks = fallbacks == null ? List.of() : List.copyOf(fallbacks);
        allowedModels = allowedModels == null ? List.of() : List.copyOf(allowedModels);
        contextWindows = contextWindows == null ? Map.of() : Map.copyOf(contextWindows);
    }

    /**
     * One provider.
     *
     * @param baseUrl        where its API is; empty for the vendor's own ({@code OPENAI_BASE_URL} is honoured)
     * @param apiKey         its key; else {@code ANTHROPIC_API_KEY} / {@code OPENAI_API_KEY}, else the setting
     *                       {@code ai.anthropic.api-key} / {@code ai.openai.api-key}
     * @param connectTimeout how long to wait for a connection
     * @param readTimeout    longest silence allowed: before the first byte of a reply, and between two events of
     *                       a stream (Anthropic sends pings, so a healthy stream is never silent this long)
     * @param requestTimeout longest a whole call may take, streaming included
     */
    public record Provider(
            @DefaultValue("") String baseUrl,
            @Nullable Secret apiKey,
            @DefaultValue("10s") Duration connectTimeout,
            @DefaultValue("60s") Duration readTimeout,
            @DefaultValue("10m") Duration requestTimeout) {
    }

    /**
     * @param attempts       calls to one pair before moving on (1 means no retry)
     * @param initialBackoff wait before the second call; doubles each time; each wait is drawn between half and
     *                       all of it, so that many clients do not retry in step
     * @param maxBackoff     the longest wait between two calls
     * @param maxRetryAfter  a provider asking to wait longer than this is skipped for the next pair at once
     */
    public record Retry(
            @DefaultValue("3") @Min(1) @Max(10) int attempts,
            @DefaultValue("500ms") Duration initialBackoff,
            @DefaultValue("8s") Duration maxBackoff,
            @DefaultValue("30s") Duration maxRetryAfter) {
    }
}
