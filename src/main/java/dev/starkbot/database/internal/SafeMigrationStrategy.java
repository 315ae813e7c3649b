package dev.starkbot.database.internal;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Arrays;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.stereotype.Component;

import dev.starkbot.database.DatabaseKind;
import dev.starkbot.database.DatabaseProperties;
import dev.starkbot.database.MigrationFailedException;

/**
 * Applies pending migrations so that a failure leaves the data as it was. All pending migrations run in one
 * transaction ({@code spring.flyway.group=true}), which PostgreSQL rolls back entirely, DDL included. SQLite is
 * additionally backed up with {@code VACUUM INTO} first and restored from that copy on failure, because its
 * {@code ALTER TABLE} has corners that a rollback does not cover and because a copy is what a person wants to have
 * when an upgrade goes wrong.
 */
@Component
class SafeMigrationStrategy implements FlywayMigrationStrategy {

    private static final Logger log = LoggerFactory.getLogger(SafeMigrationStrategy.class);

    private final DatabaseTarget target;
    private final DataSource dataSource;
    private final DatabaseProperties properties;
    private final MigrationTracker tracker;

    SafeMigrationStrategy(DatabaseTarget target, DataSource dataSource, DatabaseProperties properties,
                          MigrationTracker tracker) {
        this.target = target;
        this.dataSource = dataSource;
        this.properties = properties;
        this.tracker = tracker;
    }

    @Override
    public void migrate(Flyway flyway) {
        MigrationInfo[] pending = flyway.info().pending();
        if (pending.length == 0) {
            MigrationInfo current = flyway.info().current();
            log.info("Database schema is up to date at {}",
                    current == null ? "no version" : MigrationTracker.describe(current));
            InstallationRecord.ensure(dataSource, version());
            return;
        }
        log.info("Applying {} database migration(s): {}", pending.length,
                Arrays.stream(pending).map(MigrationTracker::describe).collect(Collectors.joining(", ")));
        SqliteBackups backups = sqliteBackups();
        Path backup = backupIfWorthIt(backups, pending[0]);
        tracker.reset();
        try {
            flyway.migrate();
        } catch (RuntimeException e) {
            RuntimeException failure = failed(e, backups, backup, pending[0]);
            // A service manager may restart a failing StarkBot over and over: keep the copies from piling up.
            pruneBackups(backups, backup);
            throw failure;
        }
        pruneBackups(backups, backup);
        log.info("Database migrated to {}", MigrationTracker.describe(pending[pending.length - 1]));
        InstallationRecord.ensure(dataSource, version());
    }

    private static String version() {
        String version = SafeMigrationStrategy.class.getPackage().getImplementationVersion();
        return version == null ? "development" : version;
    }

    private void pruneBackups(@Nullable SqliteBackups backups, @Nullable Path backup) {
        if (backups != null && backup != null) {
            backups.prune(properties.backupsKept());
        }
    }

    private @Nullable SqliteBackups sqliteBackups() {
        if (target.kind() != DatabaseKind.SQLITE || target.sqliteFile() == null) {
            return null;
        }
        return new SqliteBackups(dataSource, target.sqliteFile(), Clock.systemUTC());
    }

    private @Nullable Path backupIfWorthIt(@Nullable SqliteBackups backups, MigrationInfo first) {
        if (backups == null || properties.backupsKept() == 0) {
            return null;
        }
        String version = first.getVersion() == null ? "R" : "V" + first.getVersion();
        try {
            return backups.holdsData() ? backups.backUp(version) : null;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not back up the database before migrating, so nothing was "
                    + "migrated: " + e.getMessage() + ". Check free disk space and permissions in "
                    + target.sqliteFile().getParent(), e);
        }
    }

    private RuntimeException failed(RuntimeException e, @Nullable SqliteBackups backups, @Nullable Path backup,
                                    MigrationInfo first) {
        String migration = tracker.lastStarted() != null ? tracker.lastStarted() : MigrationTracker.describe(first);
        String reason = rootMessage(e);
        if (backups != null && backup != null) {
            try {
                backups.restore(backup);
            } catch (SQLException restoreFailure) {
                e.addSuppressed(restoreFailure);
                log.error("Migration {} failed AND restoring the backup failed; restore {} by hand", migration,
                        backup, restoreFailure);
                return new IllegalStateException("Database migration " + migration + " failed (" + reason
                        + ") and the automatic restore failed too. Stop StarkBot and copy " + backup + " over "
                        + target.sqliteFile(), e);
            }
        }
        return new MigrationFailedException(migration, backup, reason, e);
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        // Flyway's messages span many lines with separators; the first meaningful line says what failed.
        return message.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("---"))
                .findFirst().orElse(message);
    }
}
