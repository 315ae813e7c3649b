package dev.starkbot.testing.fake;

import org.jspecify.annotations.Nullable;
import org.springframework.test.context.DynamicPropertyRegistry;

/** Points StarkBot's providers at fakes: the base URL and key of each, as a person would configure them. */
public final class FakeProviders {

    private FakeProviders() {
    }

    public static void register(DynamicPropertyRegistry registry, FakeAnthropicServer anthropic,
                                @Nullable FakeOpenAiServer openai) {
        registry.add("starkbot.ai.anthropic.base-url", anthropic::baseUrl);
        registry.add("starkbot.ai.anthropic.api-key", anthropic::apiKey);
        if (openai != null) {
            registry.add("starkbot.ai.openai.base-url", openai::baseUrl);
            registry.add("starkbot.ai.openai.api-key", openai::apiKey);
        }
    }
}
