package dev.starkbot.ai.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import dev.starkbot.ai.AiException;
import dev.starkbot.ai.AiProperties;
import dev.starkbot.ai.AiService;
import dev.starkbot.ai.Cancellation;
import dev.starkbot.ai.ChatMessage;
import dev.starkbot.ai.ChatRequest;
import dev.starkbot.ai.ChatResult;
import dev.starkbot.ai.ChatSink;
import dev.starkbot.ai.ContentBlock;
import dev.starkbot.ai.ModelRef;
import dev.starkbot.ai.StopReason;
import dev.starkbot.ai.ToolSpec;
import dev.starkbot.ai.spi.LlmProvider;
import dev.starkbot.ai.spi.ProviderException;
import dev.starkbot.ai.spi.ProviderException.Failure;
import dev.starkbot.ai.spi.Tool;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Retries, fallbacks and tools around the providers; see {@link AiService#chat} for the rules. */
@Service
class DefaultAiService implements AiService {

    private static final Logger log = LoggerFactory.getLogger(DefaultAiService.class);
    /** A tool's result beyond this is cut: the model's context is precious and a runaway tool must not fill it. */
    private static final int MAX_TOOL_RESULT = 16_000;

    private final AiProperties properties;
    private final Map<String, LlmProvider> providers = new LinkedHashMap<>();
    private final Map<String, Tool> tools = new LinkedHashMap<>();
    private final TokenEstimator tokens;
    private final JsonMapper json;
    private final MeterRegistry meters;

    DefaultAiService(AiProperties properties, List<LlmProvider> providers, List<Tool> tools, TokenEstimator tokens,
                     JsonMapper json, MeterRegistry meters) {
        this.properties = properties;
        this.tokens = tokens;
        this.json = json;
        this.meters = meters;
        providers.forEach(provider -> this.providers.put(provider.id(), provider));
        for (Tool tool : tools) {
            if (this.tools.putIfAbsent(tool.spec().name(), tool) != null) {
                throw new IllegalStateException("two tools are named '" + tool.spec().name() + "'");
            }
        }
    }

    @Override
    public ChatResult chat(ChatRequest asked, List<ModelRef> chain, ChatSink sink, Cancellation cancellation) {
        ChatRequest request = asked.tools().isEmpty() ? withoutToolBlocks(asked) : asked;
        ProviderException last = null;
        for (int i = 0; i < chain.size(); i++) {
            ModelRef ref = chain.get(i);
            LlmProvider provider = providers.get(ref.provider());
            if (provider == null || !provider.configured()) {
                last = new ProviderException(Failure.AUTH, "provider '" + ref.provider() + "' is not configured",
                        null, List.of(), dev.starkbot.ai.TokenUsage.NONE, null);
                continue;
            }
            for (int attempt = 1; ; attempt++) {
                try {
                    ChatResult result = provider.stream(ref.model(), request, sink, cancellation);
                    count(ref, "ok");
                    return result;
                } catch (ProviderException e) {
                    count(ref, e.failure().name().toLowerCase(java.util.Locale.ROOT));
                    if (e.failure() == Failure.CANCELLED) {
                        return new ChatResult(e.partial(), StopReason.CANCELLED, e.usage(), ref, "stopped");
                    }
                    if (e.deliveredOutput()) {
                        log.warn("Reply from {} interrupted: {}", ref, e.getMessage());
                        return new ChatResult(e.partial(), StopReason.INTERRUPTED, e.usage(), ref, e.getMessage());
                    }
                    last = e;
                    log.info("Call to {} failed (attempt {}): {}", ref, attempt, e.getMessage());
                    Duration wait = backoff(attempt, e.retryAfter());
                    if (!e.failure().retryable() || attempt >= properties.retry().attempts() || wait == null) {
                        break;
                    }
                    sink.status(describe(e) + "; trying " + ref.model() + " again in " + seconds(wait));
                    if (!sleep(wait, cancellation)) {
                        return new ChatResult(List.of(), StopReason.CANCELLED, e.usage(), ref, "stopped");
                    }
                }
            }
            if (i + 1 < chain.size()) {
                sink.status(ref.model() + " is unavailable (" + describe(last) + "); asking "
                        + chain.get(i + 1).model() + " instead");
            }
        }
        throw failure(last);
    }

    /**
     * The request with earlier tool calls and results written as text: both APIs refuse tool blocks in a request
     * that offers no tools, which happens when a conversation moves to a persona without them.
     */
    private static ChatRequest withoutToolBlocks(ChatRequest request) {
        List<ChatMessage> messages = new ArrayList<>(request.messages().size());
        for (ChatMessage message : request.messages()) {
            List<ContentBlock> content = message.content().stream().<ContentBlock>map(block -> switch (block) {
                case ContentBlock.Text text -> text;
                case ContentBlock.ToolUse use -> new ContentBlock.Text("[called " + use.name() + " " + use.input()
                        + "]");
                case ContentBlock.ToolResult result -> new ContentBlock.Text("[" + (result.error() ? "error" : "result")
                        + ": " + result.content() + "]");
            }).toList();
            messages.add(new ChatMessage(message.role(), content));
        }
        return new ChatRequest(request.system(), messages, List.of(), request.maxTokens(), request.temperature(),
                request.stablePrefix());
    }

    /** Exponential backoff with jitter; a provider's retry-after wins; null when the wait is too long. */
    private @Nullable Duration backoff(int attempt, @Nullable Duration retryAfter) {
        AiProperties.Retry retry = properties.retry();
        if (retryAfter != null) {
            return retryAfter.compareTo(retry.maxRetryAfter()) > 0 ? null : retryAfter;
        }
        long cap = Math.min(retry.maxBackoff().toMillis(),
                retry.initialBackoff().toMillis() << Math.min(attempt - 1, 20));
        return Duration.ofMillis(cap / 2 + ThreadLocalRandom.current().nextLong(cap / 2 + 1));
    }

    /** @return false when cancelled while waiting */
    @SuppressWarnings("try")
    private static boolean sleep(Duration wait, Cancellation cancellation) {
        CountDownLatch latch = new CountDownLatch(1);
        try (AutoCloseable ignored = cancellation.onCancel(latch::countDown)) {
            latch.await(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return !cancellation.cancelled();
    }

    private static AiException failure(@Nullable ProviderException last) {
        if (last == null) {
            return AiException.unavailable("no model is configured", null);
        }
        String message = "the model could not answer: " + describe(last);
        return last.failure().retryable() ? AiException.unavailable(message, last.retryAfter())
                : AiException.rejected(message);
    }

    private static String describe(ProviderException e) {
        return switch (e.failure()) {
            case RATE_LIMITED -> "rate-limited";
            case OVERLOADED -> "overloaded";
            case SERVER -> "server error";
            case NETWORK -> "connection failed";
            case TIMEOUT -> "no answer in time";
            case MALFORMED -> "unreadable reply";
            case AUTH -> e.getMessage() != null && e.getMessage().contains("configured") ? "not configured"
                    : "API key refused";
            case REJECTED -> "request refused";
            case CANCELLED -> "stopped";
        };
    }

    private static String seconds(Duration wait) {
        return String.format(java.util.Locale.ROOT, "%.1f s", wait.toMillis() / 1000.0);
    }

    private void count(ModelRef ref, String outcome) {
        Counter.builder("starkbot.ai.calls").description("Model calls by provider and outcome")
                .tag("provider", ref.provider()).tag("outcome", outcome).register(meters).increment();
    }

    @Override
    public List<ModelRef> chain(String model) {
        List<ModelRef> chain = new ArrayList<>();
        ModelRef chosen = ModelRef.parse(model, defaultModel().provider());
        if (chosen.model().isBlank()) {
            throw AiException.notAllowed("'" + model + "' names no model; write provider:model");
        }
        if (!allowed(chosen)) {
            throw AiException.notAllowed("the model " + chosen + " is not allowed on this server; an admin sets "
                    + "starkbot.ai.allowed-models");
        }
        chain.add(chosen);
        for (String fallback : properties.fallbacks()) {
            ModelRef ref = ModelRef.parse(fallback, defaultModel().provider());
            if (!chain.contains(ref)) {
                chain.add(ref);
            }
        }
        return chain;
    }

    /** Budgets count tokens, not money: an admin decides which models people may spend them on. */
    private boolean allowed(ModelRef model) {
        if (properties.allowedModels().isEmpty() || model.equals(defaultModel())) {
            return true;
        }
        String name = model.toString();
        for (String pattern : properties.allowedModels()) {
            if (pattern.endsWith("*") ? name.startsWith(pattern.substring(0, pattern.length() - 1))
                    : name.equals(pattern)) {
                return true;
            }
        }
        return properties.fallbacks().stream().anyMatch(fallback -> ModelRef.parse(fallback,
                defaultModel().provider()).equals(model));
    }

    @Override
    public ModelRef defaultModel() {
        return ModelRef.parse(properties.defaultModel(), ModelRef.ANTHROPIC);
    }

    @Override
    public int contextWindow(ModelRef model) {
        Integer configured = properties.contextWindows().get(model.model());
        if (configured != null) {
            return configured;
        }
        String name = model.model();
        if (name.startsWith("claude")) {
            return 200_000;
        }
        if (name.startsWith("gpt-4.1")) {
            return 1_000_000;
        }
        if (name.startsWith("gpt-4o") || name.startsWith("gpt-5") || name.startsWith("o3") || name.startsWith("o4")) {
            return 128_000;
        }
        // local models: a small window is the safe guess; a larger one is configured under context-windows
        return 8_192;
    }

    @Override
    public int estimateTokens(String text) {
        return tokens.count(text);
    }

    @Override
    public List<ToolSpec> tools() {
        return tools.values().stream().map(Tool::spec).toList();
    }

    @Override
    public ContentBlock.ToolResult runTool(ContentBlock.ToolUse call, ToolContext context) {
        Tool tool = tools.get(call.name());
        if (tool == null) {
            return new ContentBlock.ToolResult(call.id(), "no tool is named '" + call.name() + "'", true);
        }
        try {
            JsonNode input = json.readTree(call.input().isBlank() ? "{}" : call.input());
            String result = tool.call(input, context);
            return new ContentBlock.ToolResult(call.id(), cut(result), false);
        } catch (IllegalArgumentException | IllegalStateException e) {
            // a tool's own refusal, worded for the model
            return new ContentBlock.ToolResult(call.id(), cut(String.valueOf(e.getMessage())), true);
        } catch (Exception e) {
            // anything else may carry SQL or paths: the model and the person get a plain failure, the log the cause
            log.warn("Tool {} failed", call.name(), e);
            return new ContentBlock.ToolResult(call.id(), "the tool failed", true);
        }
    }

    private static String cut(String text) {
        return text.length() <= MAX_TOOL_RESULT ? text : text.substring(0, MAX_TOOL_RESULT) + " [cut]";
    }
}
