package dev.starkbot.conversation.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import dev.starkbot.conversation.ConversationsProperties;
import dev.starkbot.shared.Housekeeping;
import dev.starkbot.shared.SavedFiles;
import dev.starkbot.shared.StarkBotProperties;

/**
 * Deletes files attached in the web chat after {@code keep-uploads}, with their rows; then any file left in the
 * uploads folder that old, such as one whose conversation was deleted (which took its row along).
 */
@Component
class UploadsCleanup implements Housekeeping {

    private static final Logger log = LoggerFactory.getLogger(UploadsCleanup.class);
    private static final int BATCH = 500;

    private final UploadRepository repository;
    private final ConversationsProperties properties;
    private final Path dataDir;

    UploadsCleanup(UploadRepository repository, ConversationsProperties properties, StarkBotProperties starkbot) {
        this.repository = repository;
        this.properties = properties;
        this.dataDir = starkbot.dataDir().toAbsolutePath().normalize();
    }

    @Override
    public String name() {
        return "old files attached in the web chat";
    }

    @Override
    public int clean(Instant now) {
        Instant cutoff = now.minus(properties.keepUploads());
        int removed = 0;
        for (Upload upload : repository.olderThan(cutoff.toEpochMilli(), BATCH)) {
            delete(dataDir.resolve(upload.path()));
            repository.delete(upload.id());
            removed++;
        }
        return removed + SavedFiles.deleteOlderThan(dataDir.resolve(Uploads.FOLDER), cutoff);
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("Could not delete {}", file, e);
        }
    }
}
