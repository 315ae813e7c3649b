package dev.starkbot.platform.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Saves a downloaded file for an adapter: written beside its target first and moved into place whole, so that a file
 * at its final name is always complete, and stopped at a size limit whatever the sender claimed the size was.
 */
public final class Downloads {

    private Downloads() {
    }

    /**
     * @return the number of bytes saved
     * @throws TooLarge when the stream holds more than {@code maxBytes}; nothing is left behind
     */
    public static long save(InputStream in, Path target, long maxBytes) throws IOException, TooLarge {
        Path folder = target.getParent();
        Files.createDirectories(folder);
        Path partial = Files.createTempFile(folder, "download", ".part");
        long total = 0;
        try (in; OutputStream out = Files.newOutputStream(partial)) {
            byte[] buffer = new byte[64 * 1024];
            for (int read; (read = in.read(buffer)) >= 0; ) {
                total += read;
                if (total > maxBytes) {
                    throw new TooLarge(maxBytes);
                }
                out.write(buffer, 0, read);
            }
        } catch (TooLarge | IOException | RuntimeException e) {
            Files.deleteIfExists(partial);
            throw e;
        }
        Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return total;
    }

    /** A file name as it may be stored: letters, digits, dots, dashes and underscores only, never empty. */
    public static String safeName(String name) {
        String safe = name.replaceAll("[^A-Za-z0-9._-]", "_").replaceAll("^\\.+", "_");
        return safe.isBlank() ? "file" : safe;
    }

    public static final class TooLarge extends Exception {

        private static final long serialVersionUID = 1L;

        TooLarge(long maxBytes) {
            super("larger than " + maxBytes + " bytes");
        }
    }
}
