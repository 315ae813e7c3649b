package dev.starkbot.persona;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A system-prompt template and the model settings that go with it.
 *
 * @param id           a UUID, or {@code "default"} for the built-in persona
 * @param systemPrompt the template; {@link PersonaService#render} fills its variables
 * @param model        {@code provider:model} or a bare model name; null follows the user's, then the server's default
 * @param temperature  0.0 to 2.0; null leaves it to the provider
 * @param allowedTools names of the tools the model may use; null means every tool, empty means none
 * @param variables    the persona's own template variables and their values
 * @param builtIn      the server's default persona, which is not stored and cannot be changed; id {@code "default"}
 * @param createdAt    epoch millis; 0 for the built-in persona
 * @param updatedAt    epoch millis; 0 for the built-in persona
 */
public record Persona(String id, String name, String systemPrompt, @Nullable String model, @Nullable Double temperature,
                      @Nullable List<String> allowedTools, Map<String, String> variables, boolean builtIn,
                      long createdAt, long updatedAt) {
}
