package dev.starkbot.platform;

import org.jspecify.annotations.Nullable;

/**
 * A file that came with a message, or goes with a reply.
 *
 * @param size     in bytes, as the platform reported it (0 when it did not)
 * @param path     where the file is, relative to the data directory ({@code files/telegram/...}); empty for a file
 *                 received but not downloaded yet: files are fetched only once the router let the sender in
 * @param ref      the platform's own id of the file, to download it; null for a file StarkBot sends
 * @param mimeType as the platform reported it, or null
 */
public record Attachment(Kind kind, String fileName, @Nullable String mimeType, long size, String path,
                         @Nullable String ref) {

    /** A file on disk, to send. */
    public Attachment(Kind kind, String fileName, @Nullable String mimeType, long size, String path) {
        this(kind, fileName, mimeType, size, path, null);
    }

    public boolean downloaded() {
        return !path.isEmpty();
    }

    public enum Kind {
        PHOTO,
        DOCUMENT,
        VOICE,
        AUDIO,
        VIDEO
    }
}
