package dev.starkbot.database.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consistent copies of the SQLite database, taken beside it before a migration, and restored from if it fails.
 * Backup files are named {@code starkbot.db.before-<version>-<utc time>.bak} so that they sort by time.
 */
final class SqliteBackups {

    private static final Logger log = LoggerFactory.getLogger(SqliteBackups.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private final DataSource dataSource;
    private final Path databaseFile;
    private final Clock clock;

    SqliteBackups(DataSource dataSource, Path databaseFile, Clock clock) {
        this.dataSource = dataSource;
        this.databaseFile = databaseFile;
        this.clock = clock;
    }

    /** Whether the database holds anything worth backing up (a brand-new file holds no table). */
    boolean holdsData() throws SQLException {
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(*) FROM sqlite_master WHERE type = 'table'")) {
            return rows.next() && rows.getInt(1) > 0;
        }
    }

    /**
     * {@code VACUUM INTO} writes a transactionally consistent, compacted copy while other connections keep
     * working, unlike copying the file (which would miss what still sits in the WAL).
     */
    Path backUp(String beforeVersion) throws SQLException {
        String name = databaseFile.getFileName() + ".before-" + beforeVersion.replaceAll("[^A-Za-z0-9._-]", "_")
                + "-" + STAMP.format(clock.instant()) + ".bak";
        Path backup = databaseFile.resolveSibling(name);
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement("VACUUM INTO ?")) {
            statement.setString(1, backup.toString());
            statement.execute();
        }
        log.info("Backed up the database to {} before migrating", backup);
        return backup;
    }

    /**
     * Copies the backup back over the live database with SQLite's online backup API (sqlite-jdbc's
     * {@code restore from} command), which works through an open connection and keeps the file in WAL mode, so the
     * pool does not need to be closed.
     */
    void restore(Path backup) throws SQLException {
        if (backup.toString().indexOf('"') >= 0) {
            throw new SQLException("Cannot restore from a path that contains a double quote: " + backup);
        }
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement()) {
            statement.executeUpdate("restore from \"" + backup + "\"");
        }
        log.warn("Restored the database from {}", backup);
    }

    /** Deletes all but the newest {@code keep} backups; a failure here only costs disk space, so it only warns. */
    void prune(int keep) {
        String prefix = databaseFile.getFileName() + ".before-";
        try (Stream<Path> files = Files.list(databaseFile.getParent())) {
            List<Path> backups = files
                    .filter(p -> p.getFileName().toString().startsWith(prefix) && p.toString().endsWith(".bak"))
                    .sorted(Comparator.comparing(SqliteBackups::lastModified).reversed())
                    .toList();
            for (Path old : backups.subList(Math.min(keep, backups.size()), backups.size())) {
                Files.deleteIfExists(old);
                log.info("Deleted old backup {}", old);
            }
        } catch (IOException | RuntimeException e) {
            log.warn("Could not prune old database backups: {}", e.toString());
        }
    }

    private static long lastModified(Path path) {
        try {
            return Files.getLastModifiedTime(path).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }
}
