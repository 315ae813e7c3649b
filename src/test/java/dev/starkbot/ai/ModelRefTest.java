package dev.starkbot.ai;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ModelRefTest {

    @Test
    void onlyTheFirstColonSeparatesAndABareNameTakesTheDefaultProvider() {
        assertThat(ModelRef.parse("openai:llama3.1:8b", "anthropic"))
                .isEqualTo(new ModelRef("openai", "llama3.1:8b"));
        assertThat(ModelRef.parse("anthropic:claude-sonnet-4-5", "openai"))
                .isEqualTo(new ModelRef("anthropic", "claude-sonnet-4-5"));
        assertThat(ModelRef.parse("claude-haiku-4-5", "anthropic")).isEqualTo(new ModelRef("anthropic",
                "claude-haiku-4-5"));
        // an unknown prefix is part of a local model's name, not a provider
        assertThat(ModelRef.parse("qwen2.5:7b", "openai")).isEqualTo(new ModelRef("openai", "qwen2.5:7b"));
    }
}
