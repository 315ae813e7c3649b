package dev.starkbot.database.internal;

import java.nio.file.Path;

import org.jspecify.annotations.Nullable;

import dev.starkbot.database.DatabaseKind;

/** Which database this process opened; {@code sqliteFile} is set exactly when {@code kind} is SQLite. */
record DatabaseTarget(DatabaseKind kind, String jdbcUrl, @Nullable Path sqliteFile) {

    /** For the log: the SQLite path, or the PostgreSQL URL without any query string (it may hold a password). */
    String describe() {
        return switch (kind) {
            case SQLITE -> "SQLite " + sqliteFile;
            case POSTGRESQL -> "PostgreSQL " + jdbcUrl.replaceFirst("\\?.*$", "");
        };
    }
}
