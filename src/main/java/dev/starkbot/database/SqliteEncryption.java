package dev.starkbot.database;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;

import org.jspecify.annotations.Nullable;
import org.sqlite.SQLiteConfig;

/**
 * Whole-file encryption of the SQLite database (SQLCipher v4 format), available when StarkBot is built with
 * {@code -Psqlcipher}, which puts the SQLite3 Multiple Ciphers driver in place of xerial's. The driver's classes are
 * reached by reflection so that the default build, which lacks them, still compiles and can say what is missing.
 */
public final class SqliteEncryption {

    private static final String CIPHER_CONFIG = "org.sqlite.mc.SQLiteMCSqlCipherConfig";
    private static final byte[] PLAIN_HEADER = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);

    private SqliteEncryption() {
    }

    public static boolean available() {
        try {
            Class.forName(CIPHER_CONFIG);
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    /** A connection configuration that opens (or creates) the file with this key; null key: an unkeyed one. */
    public static SQLiteConfig config(@Nullable String key) {
        if (!available()) {
            throw new IllegalStateException("starkbot.database.encryption-key is set, but this StarkBot was built "
                    + "without SQLCipher support. Build it with: mvn -Psqlcipher package (see docs/security.md)");
        }
        try {
            Class<?> type = Class.forName(CIPHER_CONFIG);
            Object builder = type.getMethod("getV4Defaults").invoke(null);
            if (key != null) {
                builder = builder.getClass().getMethod("withKey", String.class).invoke(builder, key);
            }
            return (SQLiteConfig) builder.getClass().getMethod("build").invoke(builder);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("The SQLCipher driver is not the expected version", e);
        }
    }

    /** Whether an existing database file is plain SQLite (readable by anyone who can read the file). */
    public static boolean isPlain(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return Arrays.equals(in.readNBytes(PLAIN_HEADER.length), PLAIN_HEADER);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    /**
     * Encrypts a plain database in place ({@code PRAGMA rekey}); StarkBot must be stopped. The write-ahead log is
     * folded in first, because re-keying works on the main file only.
     */
    public static void encrypt(Path file, String key) throws SQLException {
        if (!isPlain(file)) {
            throw new IllegalStateException(file + " is already encrypted (or not a SQLite database)");
        }
        try (Connection connection = config(null).createConnection("jdbc:sqlite:" + file);
             Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA wal_checkpoint(TRUNCATE)");
            statement.execute("PRAGMA journal_mode=DELETE");
            statement.execute("PRAGMA rekey='" + key.replace("'", "''") + "'");
        }
        try (Connection connection = config(key).createConnection("jdbc:sqlite:" + file);
             Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA journal_mode=WAL");
            statement.execute("SELECT count(*) FROM sqlite_master");
        }
    }
}
