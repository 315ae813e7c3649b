package dev.starkbot.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Fresh, isolated databases for tests, of the kind this test run is for: a new data directory (and so a new SQLite
 * file) or a new PostgreSQL database on the server at {@code starkbot.test.pg.url}. PostgreSQL is never skipped
 * silently: if the run is for PostgreSQL and the server does not answer, the test fails and says how to fix it.
 */
public final class TestDatabase {

    public enum Kind {
        SQLITE,
        POSTGRESQL
    }

    private static final String PREFIX = "starkbot_t_";
    private static final AtomicBoolean STALE_DROPPED = new AtomicBoolean();

    private TestDatabase() {
    }

    public static Kind kind() {
        return "postgresql".equalsIgnoreCase(System.getProperty("starkbot.test.database", "sqlite"))
                ? Kind.POSTGRESQL : Kind.SQLITE;
    }

    /** Properties that point StarkBot at a brand-new, empty database (and a new data directory). */
    public static Map<String, String> fresh() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("starkbot.data-dir", newDataDir().toString());
        if (kind() == Kind.POSTGRESQL) {
            String name = createPostgresDatabase();
            properties.put("starkbot.database.url", serverUrl().replaceFirst("/[^/?]*(\\?.*)?$", "/" + name));
            properties.put("starkbot.database.username", user());
            properties.put("starkbot.database.password", password());
        }
        return properties;
    }

    public static Path newDataDir() {
        try {
            Path base = Path.of(System.getProperty("java.io.tmpdir"), "starkbot-tests");
            Files.createDirectories(base);
            return Files.createTempDirectory(base, "data-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Opens a plain JDBC connection to the database those properties describe, bypassing StarkBot entirely. */
    public static Connection connect(Map<String, String> properties) throws SQLException {
        String url = properties.get("starkbot.database.url");
        if (url == null) {
            return DriverManager.getConnection("jdbc:sqlite:" + Path.of(properties.get("starkbot.data-dir"))
                    .resolve("starkbot.db"));
        }
        return DriverManager.getConnection(url, user(), password());
    }

    private static String serverUrl() {
        return System.getProperty("starkbot.test.pg.url", "jdbc:postgresql://127.0.0.1:5432/postgres");
    }

    private static String user() {
        return env("STARKBOT_TEST_PG_USER", "postgres");
    }

    private static String password() {
        return env("STARKBOT_TEST_PG_PASSWORD", "");
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isEmpty() ? fallback : value;
    }

    private static String createPostgresDatabase() {
        String name = PREFIX + Instant.now().getEpochSecond() + "_"
                + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
        try (Connection admin = DriverManager.getConnection(serverUrl(), user(), password());
             Statement statement = admin.createStatement()) {
            if (STALE_DROPPED.compareAndSet(false, true)) {
                dropStale(statement);
            }
            statement.execute("CREATE DATABASE " + name);
            return name;
        } catch (SQLException e) {
            throw new IllegalStateException("This test run is for PostgreSQL, but the server at " + serverUrl()
                    + " refused: " + e.getMessage() + ". Start PostgreSQL (bash .ci/run does), point "
                    + "-Dstarkbot.test.pg.url and STARKBOT_TEST_PG_USER/PASSWORD at one, or skip this half with "
                    + "-Dskip.postgres=true.", e);
        }
    }

    /** Databases left by earlier runs (contexts stay cached until the JVM exits, so nobody drops them). */
    private static void dropStale(Statement statement) throws SQLException {
        long cutoff = Instant.now().minus(Duration.ofHours(6)).getEpochSecond();
        List<String> stale = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery(
                "SELECT datname FROM pg_database WHERE datname LIKE '" + PREFIX + "%'")) {
            while (rows.next()) {
                String name = rows.getString(1);
                String[] parts = name.substring(PREFIX.length()).split("_");
                if (parts.length == 2 && parts[0].matches("\\d+") && Long.parseLong(parts[0]) < cutoff) {
                    stale.add(name);
                }
            }
        }
        for (String name : stale) {
            try {
                statement.execute("DROP DATABASE IF EXISTS " + name);
            } catch (SQLException ignored) {
                // still in use by a run that is going on: leave it
            }
        }
    }
}
