package dev.starkbot.persona.internal;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.starkbot.persona.Persona;
import dev.starkbot.shared.RpcMethod;
import dev.starkbot.user.Principal;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** The caller's own personas, and the built-in default, which everyone sees and no one changes. */
@RestController
@RequestMapping("/api/personas")
class PersonaController {

    private static final String NAME = "[\\p{L}\\p{M}\\p{Nd}_-]([\\p{L}\\p{M}\\p{Nd} _-]*[\\p{L}\\p{M}\\p{Nd}_-])?";
    private static final String NAME_RULE = "1 to 64 letters, digits, spaces, dashes or underscores, not starting "
            + "or ending with a space";
    /** Built-in names are refused here, so that a persona's own variable can never hide one. */
    private static final String VARIABLE = "(?!(?:user|now|timezone|platform)$)[a-z][a-z0-9_]{0,63}";
    private static final String VARIABLE_RULE = "lower-case letters, digits and underscores, starting with a letter, "
            + "at most 64; not user, now, timezone or platform, which are built in";

    /** A persona as clients send it, to create one or replace one whole. */
    record PersonaRequest(
            @NotNull @Size(min = 1, max = 64) @Pattern(regexp = NAME, message = NAME_RULE) String name,
            @NotNull @Size(max = 20000) String systemPrompt,
            @Size(max = 200) @Pattern(regexp = "[^\\s\\p{Cntrl}]+",
                    message = "provider:model or a model name, without spaces") @Nullable String model,
            @DecimalMin("0.0") @DecimalMax("2.0") @Nullable Double temperature,
            @Size(max = 200) @Nullable List<@NotBlank @Size(max = 128) String> allowedTools,
            @Size(max = 50) @Nullable Map<@NotNull @Pattern(regexp = VARIABLE, message = VARIABLE_RULE) String,
                    @NotNull @Size(max = 2000) String> variables) {

        DefaultPersonaService.Draft draft() {
            return new DefaultPersonaService.Draft(name, systemPrompt, model, temperature, allowedTools,
                    variables == null ? Map.of() : variables);
        }
    }

    /** @param platform the value of {@code {{platform}}}; {@code web} when absent */
    record PreviewRequest(
            @NotNull @Size(max = 20000) String systemPrompt,
            @Size(max = 50) @Nullable Map<@NotNull @Pattern(regexp = VARIABLE, message = VARIABLE_RULE) String,
                    @NotNull @Size(max = 2000) String> variables,
            @Pattern(regexp = "[a-z][a-z0-9_-]{0,31}", message = "a platform id such as web or telegram")
            @Nullable String platform) {
    }

    record Preview(String text) {
    }

    /** A persona as clients see it; the built-in one has no times. */
    record PersonaView(String id, String name, String systemPrompt, @Nullable String model,
                       @Nullable Double temperature, @Nullable List<String> allowedTools, Map<String, String> variables,
                       boolean builtIn, @Nullable Instant createdAt, @Nullable Instant updatedAt) {

        static PersonaView of(Persona p) {
            return new PersonaView(p.id(), p.name(), p.systemPrompt(), p.model(), p.temperature(), p.allowedTools(),
                    p.variables(), p.builtIn(), p.builtIn() ? null : Instant.ofEpochMilli(p.createdAt()),
                    p.builtIn() ? null : Instant.ofEpochMilli(p.updatedAt()));
        }
    }

    private final DefaultPersonaService personas;

    PersonaController(DefaultPersonaService personas) {
        this.personas = personas;
    }

    @GetMapping
    @RpcMethod(value = "personas.list", description = "The built-in default persona, then the caller's own by name")
    List<PersonaView> list(@AuthenticationPrincipal Principal me) {
        return personas.list(me.userId()).stream().map(PersonaView::of).toList();
    }

    @PostMapping
    @RpcMethod(value = "personas.create", description = "Create a persona")
    ResponseEntity<PersonaView> create(@AuthenticationPrincipal Principal me,
                                       @Valid @RequestBody PersonaRequest body) {
        Persona created = personas.create(me.userId(), body.draft());
        // Relative, because the same method also answers over the WebSocket, where there is no request URL.
        return ResponseEntity.created(URI.create("/api/personas/" + created.id())).body(PersonaView.of(created));
    }

    @PostMapping("/preview")
    @RpcMethod(value = "personas.preview", description = "A system prompt rendered for the caller, not stored")
    Preview preview(@AuthenticationPrincipal Principal me, @Valid @RequestBody PreviewRequest body) {
        return new Preview(personas.preview(me.userId(), body.systemPrompt(),
                body.variables() == null ? Map.of() : body.variables(),
                body.platform() == null ? "web" : body.platform()));
    }

    @GetMapping("/{id}")
    @RpcMethod(value = "personas.get", description = "One of the caller's personas, or the built-in \"default\"")
    PersonaView get(@AuthenticationPrincipal Principal me, @PathVariable String id) {
        return PersonaView.of(personas.get(me.userId(), id));
    }

    @PutMapping("/{id}")
    @RpcMethod(value = "personas.update", description = "Replace one of the caller's personas")
    PersonaView update(@AuthenticationPrincipal Principal me, @PathVariable String id,
                       @Valid @RequestBody PersonaRequest body) {
        return PersonaView.of(personas.update(me.userId(), id, body.draft()));
    }

    @DeleteMapping("/{id}")
    @RpcMethod(value = "personas.delete", description = "Delete one of the caller's personas")
    ResponseEntity<Void> delete(@AuthenticationPrincipal Principal me, @PathVariable String id) {
        personas.delete(me.userId(), id);
        return ResponseEntity.noContent().build();
    }
}
