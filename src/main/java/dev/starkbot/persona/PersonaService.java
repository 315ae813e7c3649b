package dev.starkbot.persona;

import java.util.Optional;

import org.jspecify.annotations.Nullable;

/** What other modules may ask of the personas module. */
public interface PersonaService {

    /**
     * The persona to use: {@code personaId} if it is the user's own (or {@code "default"}), else the user's default
     * persona ({@code Preferences.defaultPersona}, matched by name or id), else the built-in default. Never throws
     * for a missing one: a conversation whose persona was deleted carries on with the fallback.
     */
    Persona resolve(String userId, @Nullable String personaId);

    /** One of the user's personas by id or name (names ignore case), or the built-in {@code "default"}. */
    Optional<Persona> find(String userId, String idOrName);

    /**
     * The system prompt with every variable filled: {@code user.name}, {@code now} (ISO-8601 with offset, in the
     * zone, to the minute), {@code timezone} (IANA id), {@code platform}, and the persona's own variables.
     */
    String render(Persona persona, PromptContext context);
}
