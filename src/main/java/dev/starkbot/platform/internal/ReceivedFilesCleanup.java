package dev.starkbot.platform.internal;

import java.nio.file.Path;
import java.time.Instant;

import org.springframework.stereotype.Component;

import dev.starkbot.platform.PlatformsProperties;
import dev.starkbot.shared.Housekeeping;
import dev.starkbot.shared.SavedFiles;
import dev.starkbot.shared.StarkBotProperties;

/** Deletes files received from platforms after {@code keep-files}, so that downloads cannot grow without end. */
@Component
class ReceivedFilesCleanup implements Housekeeping {

    private final PlatformRegistry registry;
    private final PlatformsProperties properties;
    private final Path files;

    ReceivedFilesCleanup(PlatformRegistry registry, PlatformsProperties properties, StarkBotProperties starkbot) {
        this.registry = registry;
        this.properties = properties;
        this.files = starkbot.dataDir().toAbsolutePath().normalize().resolve("files");
    }

    @Override
    public String name() {
        return "old files received from chat platforms";
    }

    @Override
    public int clean(Instant now) {
        Instant cutoff = now.minus(properties.keepFiles());
        int removed = 0;
        for (String platform : registry.names()) {
            removed += SavedFiles.deleteOlderThan(files.resolve(platform), cutoff);
        }
        return removed;
    }
}
