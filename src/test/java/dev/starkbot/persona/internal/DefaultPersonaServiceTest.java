package dev.starkbot.persona.internal;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;

import org.junit.jupiter.api.Test;

import dev.starkbot.persona.PersonaProperties;

class DefaultPersonaServiceTest {

    @Test
    void refusesToStartWithABuiltInPromptThatUsesAnUnknownVariable() {
        assertThatThrownBy(() -> new DefaultPersonaService(null, null, null, Clock.systemUTC(),
                new PersonaProperties(100, "Hello {{user.nickname}}")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("starkbot.personas.default-system-prompt: Unknown variable {{user.nickname}}");
    }
}
