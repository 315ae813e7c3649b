package dev.starkbot.persona.internal;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Service;

import dev.starkbot.ai.AiService;
import dev.starkbot.ai.ToolSpec;
import dev.starkbot.database.UniqueViolation;
import dev.starkbot.persona.Persona;
import dev.starkbot.persona.PersonaException;
import dev.starkbot.persona.PersonaProperties;
import dev.starkbot.persona.PersonaService;
import dev.starkbot.persona.PromptContext;
import dev.starkbot.user.Preferences;
import dev.starkbot.user.UserService;

/** The personas of each user, the built-in default, and the rendering of their templates. */
@Service
class DefaultPersonaService implements PersonaService {

    /** The longest system prompt a persona may render to: about 10,000 tokens, a twentieth of Claude's window. */
    static final int MAX_RENDERED = 40_000;
    /** What a built-in variable may take when rendered (a name, a time, a zone, a platform). */
    private static final int BUILT_IN_VALUE_LENGTH = 128;

    static final String BUILT_IN_ID = "default";
    /** Built-in variables, in the order error messages list them. */
    static final List<String> BUILT_IN_VARIABLES = List.of("user.name", "now", "timezone", "platform");
    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mmXXX");

    /** What a client asks to store; validated at the edge except for what needs the server's state. */
    record Draft(String name, String systemPrompt, @Nullable String model, @Nullable Double temperature,
                 @Nullable List<String> allowedTools, Map<String, String> variables) {
    }

    private final PersonaRepository repository;
    private final UserService users;
    private final AiService ai;
    private final Clock clock;
    private final int maxPerUser;
    private final Persona builtIn;

    DefaultPersonaService(PersonaRepository repository, UserService users, AiService ai, Clock clock,
                          PersonaProperties properties) {
        this.repository = repository;
        this.users = users;
        this.ai = ai;
        this.clock = clock;
        this.maxPerUser = properties.maxPerUser();
        this.builtIn = new Persona(BUILT_IN_ID, "Default", properties.defaultSystemPrompt(), null, null, null,
                Map.of(), true, 0, 0);
        try {
            check(builtIn.systemPrompt(), Map.of());
        } catch (PersonaException e) {
            throw new IllegalStateException("starkbot.personas.default-system-prompt: " + e.getMessage(), e);
        }
    }

    @Override
    public Persona resolve(String userId, @Nullable String personaId) {
        if (personaId != null) {
            Optional<Persona> chosen = byId(userId, personaId);
            if (chosen.isPresent()) {
                return chosen.get();
            }
        }
        return users.preferences(userId).map(Preferences::defaultPersona).flatMap(name -> find(userId, name))
                .orElse(builtIn);
    }

    @Override
    public Optional<Persona> find(String userId, String idOrName) {
        if (idOrName.equalsIgnoreCase(BUILT_IN_ID)) {
            return Optional.of(builtIn);
        }
        return repository.find(userId, idOrName)
                .or(() -> repository.list(userId).stream().filter(p -> p.name().equalsIgnoreCase(idOrName))
                        .findFirst());
    }

    @Override
    public String render(Persona persona, PromptContext context) {
        Map<String, String> values = new HashMap<>(persona.variables());
        values.put("user.name", context.userName());
        values.put("now", context.now().atZone(context.zone()).truncatedTo(ChronoUnit.MINUTES).format(MINUTES));
        values.put("timezone", context.zone().getId());
        values.put("platform", context.platform());
        try {
            return PromptTemplate.parse(persona.systemPrompt()).render(values);
        } catch (PersonaException e) {
            // Checked when saved; one broken by hand in the database is sent as written rather than failing a chat.
            return persona.systemPrompt();
        }
    }

    /** The built-in default first, then the user's own by name. */
    List<Persona> list(String userId) {
        List<Persona> all = new ArrayList<>(repository.list(userId));
        all.sort((a, b) -> a.name().compareToIgnoreCase(b.name()));
        all.addFirst(builtIn);
        return all;
    }

    Persona get(String userId, String id) {
        return byId(userId, id).orElseThrow(PersonaException::notFound);
    }

    Persona create(String userId, Draft draft) {
        Persona persona = validated(userId, null, draft, clock.millis(), UUID.randomUUID().toString());
        // Two creations at the same moment may both pass this count and exceed the limit by one; the limit is a
        // guard against runaway clients, not a quota, so that is acceptable.
        if (repository.count(userId) >= maxPerUser) {
            throw PersonaException.tooMany(maxPerUser);
        }
        try {
            repository.insert(userId, persona);
        } catch (DataAccessException e) {
            throw UniqueViolation.is(e) ? PersonaException.nameTaken(draft.name()) : e;
        }
        return persona;
    }

    Persona update(String userId, String id, Draft draft) {
        Persona current = get(userId, id);
        if (current.builtIn()) {
            throw PersonaException.builtIn();
        }
        Persona persona = validated(userId, current, draft, current.createdAt(), current.id());
        try {
            if (!repository.update(userId, persona)) {
                throw PersonaException.notFound();
            }
        } catch (DataAccessException e) {
            throw UniqueViolation.is(e) ? PersonaException.nameTaken(draft.name()) : e;
        }
        return persona;
    }

    void delete(String userId, String id) {
        if (id.equals(BUILT_IN_ID)) {
            throw PersonaException.builtIn();
        }
        if (!repository.delete(userId, id)) {
            throw PersonaException.notFound();
        }
    }

    /** A template rendered for the caller as a conversation would render it, without storing anything. */
    String preview(String userId, String systemPrompt, Map<String, String> variables, String platform) {
        check(systemPrompt, variables);
        String name = users.displayName(userId).orElse(userId);
        ZoneId zone = users.preferences(userId).map(Preferences::timeZone).map(DefaultPersonaService::zone)
                .orElse(ZoneOffset.UTC);
        Persona draft = new Persona("preview", "preview", systemPrompt, null, null, null, variables, false, 0, 0);
        return render(draft, new PromptContext(name, zone, clock.instant(), platform));
    }

    private Optional<Persona> byId(String userId, String id) {
        return id.equals(BUILT_IN_ID) ? Optional.of(builtIn) : repository.find(userId, id);
    }

    private Persona validated(String userId, @Nullable Persona current, Draft draft, long createdAt, String id) {
        check(draft.systemPrompt(), draft.variables());
        List<String> tools = draft.allowedTools() == null ? null : knownTools(draft.allowedTools());
        if (draft.name().equalsIgnoreCase(builtIn.name()) || repository.list(userId).stream()
                .anyMatch(p -> p.name().equalsIgnoreCase(draft.name()) && (current == null
                        || !p.id().equals(current.id())))) {
            throw PersonaException.nameTaken(draft.name());
        }
        return new Persona(id, draft.name(), draft.systemPrompt(), draft.model(), draft.temperature(), tools,
                Collections.unmodifiableMap(new LinkedHashMap<>(draft.variables())), false, createdAt,
                clock.millis());
    }

    /** @return the tools without repeats, in the order given */
    private List<String> knownTools(List<String> requested) {
        List<String> known = ai.tools().stream().map(ToolSpec::name).toList();
        for (String tool : requested) {
            if (!known.contains(tool)) {
                throw PersonaException.unknownTool(tool, known);
            }
        }
        return List.copyOf(new LinkedHashSet<>(requested));
    }

    /** @throws PersonaException when the template does not parse or names a variable that does not exist */
    static void check(String template, Map<String, String> variables) {
        PromptTemplate parsed = PromptTemplate.parse(template);
        // a short template repeating a long variable would otherwise render to megabytes on every turn
        long length = 0;
        for (PromptTemplate.Part part : parsed.parts()) {
            length += switch (part) {
                case PromptTemplate.Text text -> text.text().length();
                case PromptTemplate.Variable variable -> variables.containsKey(variable.name())
                        ? variables.get(variable.name()).length() : BUILT_IN_VALUE_LENGTH;
            };
        }
        if (length > MAX_RENDERED) {
            throw PersonaException.invalidTemplate("the template renders to about " + length
                    + " characters; at most " + MAX_RENDERED + " are allowed");
        }
        parsed.firstUnknown(known(variables)).ifPresent(unknown -> {
            throw PersonaException.unknownVariable("Unknown variable " + unknown.written() + " at line "
                    + unknown.line() + " column " + unknown.column() + "; known: "
                    + String.join(", ", BUILT_IN_VARIABLES) + (variables.isEmpty()
                    ? " (this persona has no variables of its own)"
                    : ", and this persona's variables " + String.join(", ", variables.keySet())));
        });
    }

    private static List<String> known(Map<String, String> variables) {
        List<String> known = new ArrayList<>(BUILT_IN_VARIABLES);
        known.addAll(variables.keySet());
        return known;
    }

    /** Preferences hold valid IANA ids; should one no longer exist in this JDK's data, UTC beats failing. */
    private static ZoneId zone(String id) {
        try {
            return ZoneId.of(id);
        } catch (DateTimeException e) {
            return ZoneOffset.UTC;
        }
    }
}
