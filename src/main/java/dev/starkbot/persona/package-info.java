/**
 * Personas: named system-prompt templates with a default model, temperature and the tools they may use, chosen
 * per conversation. {@link dev.starkbot.persona.PersonaService} picks the persona for a conversation (falling back
 * to the user's default, then the built-in one) and renders its template with the built-in variables
 * ({@code user.name}, {@code now}, {@code timezone}, {@code platform}) and the persona's own.
 */
@ApplicationModule(displayName = "Personas")
@NullMarked
package dev.starkbot.persona;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
