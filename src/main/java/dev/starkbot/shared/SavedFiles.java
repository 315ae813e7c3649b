package dev.starkbot.shared;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Files received from people (a platform adapter's downloads, the web chat's uploads), kept under the data
 * directory: each written beside its target first and moved into place whole, so that a file at its final name is
 * always complete, stopped at a size limit whatever the sender claimed the size was, and deleted when old.
 */
public final class SavedFiles {

    private static final Logger log = LoggerFactory.getLogger(SavedFiles.class);
    /** The longest name {@link #safeName} gives. */
    private static final int MAX_NAME = 100;

    private SavedFiles() {
    }

    /**
     * @return the number of bytes saved
     * @throws TooLarge when the stream holds more than {@code maxBytes}; nothing is left behind
     */
    public static long save(InputStream in, Path target, long maxBytes) throws IOException, TooLarge {
        Path folder = target.getParent();
        Files.createDirectories(folder);
        Path partial = Files.createTempFile(folder, "saving", ".part");
        long total = 0;
        try {
            try (in; OutputStream out = Files.newOutputStream(partial)) {
                byte[] buffer = new byte[64 * 1024];
                for (int read; (read = in.read(buffer)) >= 0; ) {
                    total += read;
                    if (total > maxBytes) {
                        throw new TooLarge(maxBytes);
                    }
                    out.write(buffer, 0, read);
                }
            }
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (TooLarge | IOException | RuntimeException e) {
            // a refused or failed save, the move included, leaves nothing behind
            Files.deleteIfExists(partial);
            throw e;
        }
        return total;
    }

    /**
     * Deletes the files below {@code folder} last modified before {@code cutoff}; one that cannot be deleted is
     * logged and left for the next time.
     *
     * @return how many were deleted
     */
    public static int deleteOlderThan(Path folder, Instant cutoff) {
        if (!Files.isDirectory(folder)) {
            return 0;
        }
        List<Path> old;
        try (Stream<Path> walk = Files.walk(folder)) {
            old = walk.filter(Files::isRegularFile).filter(file -> modified(file).isBefore(cutoff)).toList();
        } catch (IOException | UncheckedIOException e) {
            log.warn("Could not look through {}", folder, e);
            return 0;
        }
        int removed = 0;
        for (Path file : old) {
            try {
                Files.deleteIfExists(file);
                removed++;
            } catch (IOException e) {
                log.warn("Could not delete {}", file, e);
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

    /** A file name as it may be stored: letters, digits, dots, dashes and underscores only, never empty. */
    public static String safeName(String name) {
        String safe = name.replaceAll("[^A-Za-z0-9._-]", "_").replaceAll("^\\.+", "_");
        if (safe.length() > MAX_NAME) {
            // file systems allow 255 bytes for a name, and callers put an id before it: the end is kept, so the
            // extension survives
            int dot = safe.lastIndexOf('.');
            String extension = dot > 0 && safe.length() - dot <= 12 ? safe.substring(dot) : "";
            safe = safe.substring(0, MAX_NAME - extension.length()) + extension;
        }
        return safe.isBlank() ? "file" : safe;
    }

    public static final class TooLarge extends Exception {

        private static final long serialVersionUID = 1L;

        TooLarge(long maxBytes) {
            super("larger than " + maxBytes + " bytes");
        }
    }
}
