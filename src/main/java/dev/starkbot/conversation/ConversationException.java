package dev.starkbot.conversation;

import dev.starkbot.shared.ErrorKind;
import dev.starkbot.shared.StarkBotException;

/** A conversation request that cannot be served; the type slug tells clients which case it is. */
public class ConversationException extends StarkBotException {

    private final ErrorKind kind;
    private final String type;

    private ConversationException(ErrorKind kind, String type, String message) {
        super(message);
        this.kind = kind;
        this.type = type;
    }

    /** Also for conversations of other people: their existence is not revealed. */
    public static ConversationException notFound(String what) {
        return new ConversationException(ErrorKind.NOT_FOUND, "not-found", what + " not found");
    }

    public static ConversationException busy() {
        return new ConversationException(ErrorKind.CONFLICT, "turn-in-progress",
                "a reply is still being written in this conversation; wait for it or stop it first");
    }

    public static ConversationException nothingToCompact() {
        return new ConversationException(ErrorKind.CONFLICT, "nothing-to-compact",
                "the history since the last summary is short enough to keep as it is");
    }

    public static ConversationException tooManyTurns(int limit) {
        return new ConversationException(ErrorKind.RATE_LIMITED, "too-many-turns",
                "at most " + limit + " replies may be written for one person at once; wait for one to finish");
    }

    public static ConversationException tooMany(String what, int limit) {
        return new ConversationException(ErrorKind.CONFLICT, "too-many-" + what, "at most " + limit + " " + what
                + " may be kept; delete some first");
    }

    public static ConversationException fileTooLarge(long limit) {
        return new ConversationException(ErrorKind.TOO_LARGE, "file-too-large", "a file may have at most " + limit
                + " bytes (starkbot.conversations.max-upload-bytes)");
    }

    public static ConversationException uploadStorageFull(long limit) {
        return new ConversationException(ErrorKind.TOO_LARGE, "upload-storage-full", "your attached files may take "
                + "at most " + limit + " bytes (starkbot.conversations.max-upload-storage); older ones are removed "
                + "after starkbot.conversations.keep-uploads");
    }

    public static ConversationException invalid(String message) {
        return new ConversationException(ErrorKind.INVALID, "invalid-conversation-request", message);
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
