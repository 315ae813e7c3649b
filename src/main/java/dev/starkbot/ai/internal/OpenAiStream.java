package dev.starkbot.ai.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

import com.openai.models.chat.completions.ChatCompletionChunk;

import dev.starkbot.ai.ChatResult;
import dev.starkbot.ai.ChatSink;
import dev.starkbot.ai.ContentBlock;
import dev.starkbot.ai.ModelRef;
import dev.starkbot.ai.StopReason;
import dev.starkbot.ai.TokenUsage;
import dev.starkbot.ai.spi.ProviderException;
import dev.starkbot.ai.spi.ProviderException.Failure;

/**
 * Folds a chat-completions stream into a reply. Tool calls arrive as pieces keyed by index (id and name in the
 * first, arguments spread over the rest) and are complete only when the choice finishes, so they are handed to the
 * sink then. Usage comes in a last chunk with no choices, when {@code stream_options.include_usage} asked for it.
 */
final class OpenAiStream implements StreamingCall.State<ChatCompletionChunk> {

    private final ModelRef model;
    private final ChatSink sink;
    private final StringBuilder text = new StringBuilder();
    private final TreeMap<Long, Call> calls = new TreeMap<>();
    private @Nullable String finishReason;
    private TokenUsage usage = TokenUsage.NONE;

    OpenAiStream(ModelRef model, ChatSink sink) {
        this.model = model;
        this.sink = sink;
    }

    @Override
    public void accept(ChatCompletionChunk chunk) {
        chunk.usage().ifPresent(counted -> {
            long cached = counted.promptTokensDetails().flatMap(d -> d.cachedTokens()).orElse(0L);
            // OpenAI counts cached tokens inside prompt_tokens; ours keeps them apart, as Anthropic does
            usage = new TokenUsage(counted.promptTokens() - cached, counted.completionTokens(), cached, 0);
        });
        for (ChatCompletionChunk.Choice choice : chunk.choices()) {
            if (choice.index() != 0) {
                continue;
            }
            choice.delta().content().filter(piece -> !piece.isEmpty()).ifPresent(piece -> {
                text.append(piece);
                sink.delta(piece);
            });
            choice.delta().toolCalls().ifPresent(pieces -> pieces.forEach(piece -> {
                Call call = calls.computeIfAbsent(piece.index(), index -> new Call());
                piece.id().ifPresent(id -> call.id = id);
                piece.function().ifPresent(function -> {
                    function.name().ifPresent(name -> call.name = name);
                    function.arguments().ifPresent(call.arguments::append);
                });
            }));
            choice.finishReason().ifPresent(reason -> {
                finishReason = reason.asString();
                completeCalls();
            });
        }
    }

    @Override
    public ChatResult finish() throws ProviderException {
        if (finishReason == null) {
            throw failure(Failure.NETWORK, "the stream ended before a finish_reason", null, null);
        }
        StopReason stop = switch (finishReason) {
            case "length" -> StopReason.MAX_TOKENS;
            case "tool_calls", "function_call" -> StopReason.TOOL_USE;
            case "content_filter" -> StopReason.REFUSAL;
            default -> StopReason.END_TURN;
        };
        // some servers answer tool calls with finish_reason "stop"; the calls decide
        if (stop == StopReason.END_TURN && calls.values().stream().anyMatch(call -> call.complete)) {
            stop = StopReason.TOOL_USE;
        }
        return new ChatResult(content(), stop, usage, model, null);
    }

    @Override
    public ProviderException failure(Failure failure, String message, java.time.@Nullable Duration retryAfter,
                                     @Nullable Throwable cause) {
        return new ProviderException(failure, message, retryAfter, content(), usage, cause);
    }

    private void completeCalls() {
        for (Call call : calls.values()) {
            if (!call.complete && call.id != null && call.name != null) {
                call.complete = true;
                sink.toolCall(call.toContent());
            }
        }
    }

    private List<ContentBlock> content() {
        List<ContentBlock> content = new ArrayList<>();
        if (!text.isEmpty()) {
            content.add(new ContentBlock.Text(text.toString()));
        }
        for (Call call : calls.values()) {
            if (call.complete) {
                content.add(call.toContent());
            }
        }
        return content;
    }

    private static final class Call {
        @Nullable String id;
        @Nullable String name;
        final StringBuilder arguments = new StringBuilder();
        boolean complete;

        ContentBlock.ToolUse toContent() {
            return new ContentBlock.ToolUse(id == null ? "" : id, name == null ? "" : name,
                    arguments.isEmpty() ? "{}" : arguments.toString());
        }
    }
}
