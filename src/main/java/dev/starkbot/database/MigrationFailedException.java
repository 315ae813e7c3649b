package dev.starkbot.database;

import java.nio.file.Path;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import dev.starkbot.shared.ErrorKind;
import dev.starkbot.shared.StarkBotException;

/** A schema migration failed at start-up; the data was left as it was before the attempt. */
public class MigrationFailedException extends StarkBotException {

    private final String migration;
    private final @Nullable Path backup;

    public MigrationFailedException(String migration, @Nullable Path backup, String reason, Throwable cause) {
        super(describe(migration, backup, reason), cause);
        this.migration = migration;
        this.backup = backup;
    }

    private static String describe(String migration, @Nullable Path backup, String reason) {
        String restored = backup == null
                ? "its changes were rolled back"
                : "the database was restored from the backup taken just before, " + backup;
        return "Database migration " + migration + " failed: " + reason + ". Nothing was changed: " + restored + ".";
    }

    /** Version and description of the failed migration, such as {@code V3 (add users)}. */
    public String migration() {
        return migration;
    }

    public Optional<Path> backup() {
        return Optional.ofNullable(backup);
    }

    @Override
    public ErrorKind kind() {
        return ErrorKind.UNAVAILABLE;
    }

    @Override
    public String type() {
        return "migration-failed";
    }
}
