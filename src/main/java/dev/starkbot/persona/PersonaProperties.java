package dev.starkbot.persona;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * Personas.
 *
 * @param maxPerUser          personas each user may have, the built-in one not counted.
 * @param defaultSystemPrompt the template of the built-in default persona, for users who have not chosen one; it
 *                            may use the built-in variables only, and StarkBot refuses to start when it is invalid.
 *                            It leaves out {{now}}: the time goes with each message instead, so that the system
 *                            prompt stays the same from turn to turn and Claude's prompt cache keeps hitting.
 */
@ConfigurationProperties("starkbot.personas")
@Validated
public record PersonaProperties(
        @DefaultValue("100") @Min(1) @Max(10000) int maxPerUser,
        @DefaultValue("You are StarkBot, a helpful personal assistant. You are talking with {{user.name}} on "
                + "{{platform}}; their time zone is {{timezone}}.")
        @NotNull @Size(max = 20000) String defaultSystemPrompt) {
}
