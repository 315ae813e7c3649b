package dev.starkbot.conversation.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import dev.starkbot.conversation.ConversationException;
import dev.starkbot.conversation.ConversationsProperties;
import dev.starkbot.shared.SavedFiles;
import dev.starkbot.shared.StarkBotProperties;
import dev.starkbot.user.UserService;

/**
 * Files attached in the web chat: saved under {@code <data-dir>/files/uploads/<owner id>/}, and described to the
 * model in the words platforms use for the files of a message, by name, size and path, never by content.
 */
@Component
class Uploads {

    static final String FOLDER = "files/uploads";

    private final UploadRepository repository;
    private final ConversationsProperties properties;
    private final UserService users;
    private final Clock clock;
    private final Path dataDir;

    Uploads(UploadRepository repository, ConversationsProperties properties, UserService users, Clock clock,
            StarkBotProperties starkbot) {
        this.repository = repository;
        this.properties = properties;
        this.users = users;
        this.clock = clock;
        this.dataDir = starkbot.dataDir().toAbsolutePath().normalize();
    }

    /** Saves a file the caller attached to one of their conversations (checked by the caller of this method). */
    Upload store(String ownerId, String conversationId, @Nullable String originalName, @Nullable String mimeType,
                 long declaredSize, InputStream in) throws IOException {
        long max = properties.maxUploadBytes();
        if (declaredSize > max) {
            throw ConversationException.fileTooLarge(max);
        }
        long storage = properties.maxUploadStorage();
        long used = repository.totalBytes(ownerId);
        if (used + Math.max(0, declaredSize) > storage) {
            throw ConversationException.uploadStorageFull(storage);
        }
        String id = UUID.randomUUID().toString();
        String name = displayName(originalName);
        String relative = FOLDER + "/" + ownerId + "/" + id + "-" + SavedFiles.safeName(name);
        Path target = dataDir.resolve(relative);
        long size;
        try {
            // the declared size is the client's word; the bytes are counted
            size = SavedFiles.save(in, target, max);
        } catch (SavedFiles.TooLarge e) {
            throw ConversationException.fileTooLarge(max);
        }
        Upload upload = new Upload(id, name, mimeType(mimeType), size, relative);
        try {
            if (used + size > storage) {
                // a body without a declared length is only measured once saved
                throw ConversationException.uploadStorageFull(storage);
            }
            repository.insert(ownerId, conversationId, upload, clock.millis());
        } catch (RuntimeException e) {
            Files.deleteIfExists(target);
            throw e;
        }
        return upload;
    }

    /**
     * The text the model is given: the person's text and a line per attached file. The ids must be the caller's
     * uploads to this conversation; any other is "not found", whether it exists or not.
     */
    String prompt(String ownerId, String conversationId, @Nullable String text, @Nullable List<String> ids) {
        String base = text == null ? "" : text.strip();
        Set<String> unique = ids == null ? Set.of() : new LinkedHashSet<>(ids);
        if (unique.size() > properties.maxAttachments()) {
            throw ConversationException.invalid("a message may carry at most " + properties.maxAttachments()
                    + " files");
        }
        if (unique.isEmpty()) {
            return base;
        }
        String sender = label(users.displayName(ownerId).orElse("someone"));
        StringBuilder prompt = new StringBuilder(base);
        for (String id : unique) {
            Upload upload = repository.find(ownerId, conversationId, id)
                    .orElseThrow(() -> ConversationException.notFound("upload"));
            prompt.append(prompt.isEmpty() ? "" : "\n").append('[').append(sender).append(" sent a ")
                    .append(upload.kind()).append(": ").append(label(upload.fileName())).append(", ")
                    .append(upload.size()).append(" bytes, saved as ").append(upload.path()).append(']');
        }
        return prompt.toString();
    }

    /** The name as shown: the last path segment the browser sent, on one line, at most 255 characters. */
    static String displayName(@Nullable String original) {
        String name = original == null ? "" : original.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1)
                .replaceAll("[\\p{Cc}\\u2028\\u2029\\u202A-\\u202E\\u2066-\\u2069]", " ").strip();
        name = name.isEmpty() ? "file" : name;
        return name.length() > 255 ? name.substring(0, 255) : name;
    }

    private static String mimeType(@Nullable String mimeType) {
        if (mimeType == null || !mimeType.matches("[\\w.+-]+/[\\w.+-]+(;.{0,100})?") || mimeType.length() > 255) {
            return "application/octet-stream";
        }
        return mimeType.replaceAll("\\p{Cntrl}", "");
    }

    /**
     * A name as it goes into the model's prompt: on one line and without brackets, so that a file name cannot pass
     * itself off as another line of the conversation.
     */
    private static String label(String name) {
        String label = name.replaceAll("[\\[\\]\\p{Cc}\\u2028\\u2029]", " ").strip();
        label = label.isEmpty() ? "someone" : label;
        return label.length() > 64 ? label.substring(0, 64) : label;
    }
}
