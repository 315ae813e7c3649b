package dev.starkbot.ai;

import java.util.List;

/** The ai module's front door. */
public interface AiService {

    /**
     * Asks the first pair of {@code chain} that answers, streaming into {@code sink}. Before any reply text has
     * arrived, rate limits, overload, server errors, dropped connections and timeouts are retried with backoff and
     * then passed to the next pair; once text has arrived, a failure ends the reply as
     * {@link StopReason#INTERRUPTED} with the text so far, because repeating it would show the person the same words
     * twice.
     *
     * @throws AiException when no pair could answer at all
     */
    ChatResult chat(ChatRequest request, List<ModelRef> chain, ChatSink sink, Cancellation cancellation);

    /** The chain to use when the caller names a model: it first, then the configured fallbacks. */
    List<ModelRef> chain(String model);

    /** The configured default, as {@code provider:model}. */
    ModelRef defaultModel();

    /** Tokens the model can read, prompt and reply together (a configured or known value, else a safe guess). */
    int contextWindow(ModelRef model);

    /** An offline estimate of the tokens of a text, for when the provider has not counted them. */
    int estimateTokens(String text);

    /** The tools modules registered, by name. */
    List<ToolSpec> tools();

    /** Runs a tool the model asked for; failures come back as an error result for the model, never thrown. */
    ContentBlock.ToolResult runTool(ContentBlock.ToolUse call, ToolContext context);

    /** Who is asking, for tools that act on the person's behalf. */
    record ToolContext(String userId, String conversationId, java.time.ZoneId zone) {
    }
}
