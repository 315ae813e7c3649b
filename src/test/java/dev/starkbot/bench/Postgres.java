package dev.starkbot.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The PostgreSQL server the test suite uses (the same settings: {@code -Dstarkbot.test.pg.url},
 * {@code STARKBOT_TEST_PG_USER}, {@code STARKBOT_TEST_PG_PASSWORD}); each benchmark gets a fresh database on it.
 */
public record Postgres(String serverUrl, String user, String password) {

    /**
     * The databases this process created: the server is shared with other runs of the harness (other worktrees),
     * and dropping every benchmark database would pull theirs from under them. The names start {@code starkbench_}
     * rather than {@code starkbot_bench_}, which older copies of this harness dropped wholesale.
     */
    private static final Set<String> CREATED = ConcurrentHashMap.newKeySet();

    public static Postgres fromEnvironment() {
        String url = System.getProperty("starkbot.test.pg.url", "jdbc:postgresql://127.0.0.1:5432/postgres");
        String user = System.getenv().getOrDefault("STARKBOT_TEST_PG_USER", "postgres");
        String password = System.getenv().getOrDefault("STARKBOT_TEST_PG_PASSWORD", "");
        return new Postgres(url, user, password);
    }

    /** Null when the server answers, otherwise why not. */
    public String unavailable() {
        try (Connection connection = connect()) {
            return connection.isValid(5) ? null : "PostgreSQL at " + serverUrl + " does not answer";
        } catch (SQLException e) {
            return "no PostgreSQL at " + serverUrl + " (" + e.getMessage() + ")";
        }
    }

    /** Creates an empty database and returns StarkBot's arguments for it. */
    public List<String> freshDatabase() throws SQLException {
        String name = "starkbench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12)
                .toLowerCase(Locale.ROOT);
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        }
        CREATED.add(name);
        String url = serverUrl.substring(0, serverUrl.lastIndexOf('/') + 1) + name;
        return List.of("--starkbot.database.url=" + url, "--starkbot.database.username=" + user,
                "--starkbot.database.password=" + password);
    }

    /** Drops the databases this process created, when they are no longer in use. */
    public void dropBenchDatabases() {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            for (String name : CREATED) {
                statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
                CREATED.remove(name);
            }
        } catch (SQLException e) {
            System.err.println("[bench] could not drop the benchmark databases: " + e.getMessage());
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(serverUrl, user, password);
    }
}
