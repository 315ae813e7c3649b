package dev.starkbot.platform;

import org.jspecify.annotations.Nullable;

/**
 * A file that came with a message, or goes with a reply.
 *
 * @param path     where the file is, relative to the data directory ({@code files/telegram/...}); files received are
 *                 downloaded there before the message is recorded
 * @param mimeType as the platform reported it, or null
 */
public record Attachment(Kind kind, String fileName, @Nullable String mimeType, long size, String path) {

    public enum Kind {
        PHOTO,
        DOCUMENT,
        VOICE,
        AUDIO,
        VIDEO
    }
}
