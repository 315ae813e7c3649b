package dev.starkbot.database;

import java.nio.file.Path;
import java.util.Optional;

/** The database module's front door for other modules: which database this is, and whether it answers. */
public interface Database {

    DatabaseKind kind();

    /** The SQLite file, when running on SQLite. */
    Optional<Path> sqliteFile();

    /** One {@code SELECT 1}, bounded by {@code starkbot.database.health-timeout}; never throws, never hangs. */
    DatabasePing ping();
}
