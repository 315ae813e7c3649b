package dev.starkbot.ai.spi;

import dev.starkbot.ai.Cancellation;
import dev.starkbot.ai.ChatRequest;
import dev.starkbot.ai.ChatResult;
import dev.starkbot.ai.ChatSink;

/**
 * One model vendor's API. A provider makes exactly one upstream call per {@link #stream}: retries, fallbacks and
 * timeouts of the whole turn are the AI service's, so every provider behaves the same under failure.
 */
public interface LlmProvider {

    /** The provider's id in {@code provider:model} ({@code anthropic}, {@code openai}). */
    String id();

    /** Whether it has what it needs to be called (a key, a base URL). */
    boolean configured();

    /**
     * Streams one reply into {@code sink} and returns it whole.
     *
     * @throws ProviderException for every failure, carrying what had arrived before it
     */
    ChatResult stream(String model, ChatRequest request, ChatSink sink, Cancellation cancellation)
            throws ProviderException;
}
