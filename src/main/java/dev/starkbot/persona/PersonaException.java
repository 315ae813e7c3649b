package dev.starkbot.persona;

import java.util.Collection;

import dev.starkbot.shared.ErrorKind;
import dev.starkbot.shared.StarkBotException;

/**
 * Everything the personas module refuses. Messages are shown to clients: a template error says where it is and
 * what would be accepted, so that a person can fix the prompt without reading the docs.
 */
public class PersonaException extends StarkBotException {

    private final ErrorKind kind;
    private final String type;

    private PersonaException(ErrorKind kind, String type, String message) {
        super(message);
        this.kind = kind;
        this.type = type;
    }

    /** Another user's persona answers the same, so that ids cannot be probed. */
    public static PersonaException notFound() {
        return new PersonaException(ErrorKind.NOT_FOUND, "not-found", "No such persona");
    }

    /** A template that cannot be parsed: an unclosed "{{" or a malformed variable name. */
    public static PersonaException invalidTemplate(String message) {
        return new PersonaException(ErrorKind.INVALID, "invalid-template", message);
    }

    /** A template that names a variable that neither StarkBot nor the persona defines. */
    public static PersonaException unknownVariable(String message) {
        return new PersonaException(ErrorKind.INVALID, "unknown-variable", message);
    }

    public static PersonaException unknownTool(String tool, Collection<String> known) {
        return new PersonaException(ErrorKind.INVALID, "unknown-tool", "Unknown tool '" + tool + "'; known: "
                + (known.isEmpty() ? "none" : String.join(", ", known)));
    }

    public static PersonaException nameTaken(String name) {
        return new PersonaException(ErrorKind.CONFLICT, "persona-name-taken",
                "You already have a persona named '" + name + "' (names ignore case; 'Default' is the built-in one)");
    }

    public static PersonaException tooMany(int limit) {
        return new PersonaException(ErrorKind.CONFLICT, "too-many-personas",
                "You already have " + limit + " personas; delete one first");
    }

    public static PersonaException builtIn() {
        return new PersonaException(ErrorKind.CONFLICT, "built-in-persona",
                "The built-in default persona cannot be changed or deleted; create your own and make it your "
                        + "default (defaultPersona in PATCH /api/me)");
    }

    @Override
    public ErrorKind kind() {
        return kind;
    }

    @Override
    public String type() {
        return type;
    }
}
