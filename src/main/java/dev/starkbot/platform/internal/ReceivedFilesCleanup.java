package dev.starkbot.platform.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import dev.starkbot.platform.PlatformsProperties;
import dev.starkbot.shared.Housekeeping;
import dev.starkbot.shared.StarkBotProperties;

/** Deletes files received from platforms after {@code keep-files}, so that downloads cannot grow without end. */
@Component
class ReceivedFilesCleanup implements Housekeeping {

    private static final Logger log = LoggerFactory.getLogger(ReceivedFilesCleanup.class);

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
            Path folder = files.resolve(platform);
            if (!Files.isDirectory(folder)) {
                continue;
            }
            List<Path> old;
            try (Stream<Path> walk = Files.walk(folder)) {
                old = walk.filter(Files::isRegularFile).filter(file -> modified(file).isBefore(cutoff)).toList();
            } catch (IOException | UncheckedIOException e) {
                log.warn("Could not look through {}", folder, e);
                continue;
            }
            for (Path file : old) {
                try {
                    Files.deleteIfExists(file);
                    removed++;
                } catch (IOException e) {
                    log.warn("Could not delete {}", file, e);
                }
            }
        }
        return removed;
    }

    private static Instant modified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toInstant();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
