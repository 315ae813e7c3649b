package dev.starkbot.platform;

import java.util.List;

import dev.starkbot.shared.ErrorKind;
import dev.starkbot.shared.InvalidField;
import dev.starkbot.shared.StarkBotException;

/** A chat-platform request that cannot be served; the type slug tells clients which case it is. */
public class PlatformException extends StarkBotException {

    private final ErrorKind kind;
    private final String type;
    private final List<InvalidField> fields;

    private PlatformException(ErrorKind kind, String type, String message, List<InvalidField> fields) {
        super(message);
        this.kind = kind;
        this.type = type;
        this.fields = List.copyOf(fields);
    }

    /** Also for an expired pairing code, and for someone else's identity: neither is revealed to exist. */
    public static PlatformException notFound(String what) {
        return new PlatformException(ErrorKind.NOT_FOUND, "not-found", "No such " + what, List.of());
    }

    public static PlatformException tooManyLinkCodes(int limit) {
        return new PlatformException(ErrorKind.CONFLICT, "too-many-link-codes", "At most " + limit
                + " link codes may be waiting to be used at once; use one, or wait until they expire", List.of());
    }

    /** A platform feature that needs configuration it lacks; the message says what to set. */
    public static PlatformException notConfigured(String message) {
        return new PlatformException(ErrorKind.CONFLICT, "platform-not-configured", message, List.of());
    }

    /** The platform could not be reached or did not answer usefully; the same request may work later. */
    public static PlatformException unavailable(String message) {
        return new PlatformException(ErrorKind.UNAVAILABLE, "platform-unavailable", message, List.of());
    }

    public static PlatformException invalid(String field, String message) {
        return new PlatformException(ErrorKind.INVALID, "invalid-request", field + ": " + message,
                List.of(new InvalidField(field, message)));
    }

    @Override
    public ErrorKind kind() {
        return kind;
    }

    @Override
    public String type() {
        return type;
    }

    @Override
    public List<InvalidField> invalidFields() {
        return fields;
    }
}
