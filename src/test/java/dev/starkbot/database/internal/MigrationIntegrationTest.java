package dev.starkbot.database.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.context.ConfigurableApplicationContext;

import dev.starkbot.StarkBotApplication;
import dev.starkbot.database.MigrationFailedException;
import dev.starkbot.testing.StorageTest;
import dev.starkbot.testing.TestDatabase;

@StorageTest
class MigrationIntegrationTest {

    /** StarkBot's own locations (application.properties), so that its applied migrations stay resolvable. */
    private static final String OWN = "classpath:db/migration,classpath:db/vendor/{vendor}";
    private static final String WITH_FAILING = OWN + ",classpath:db/failing-migration";

    @Test
    void firstStartAppliesMigrationsAndRecordsTheInstallation() throws Exception {
        Map<String, String> database = TestDatabase.fresh();
        start(database).close();

        try (Connection connection = TestDatabase.connect(database)) {
            assertThat(query(connection, "SELECT count(*) FROM installation")).containsExactly("1");
            assertThat(query(connection, "SELECT version FROM flyway_schema_history WHERE success = "
                    + trueLiteral() + " ORDER BY installed_rank")).contains("1");
        }
        // A restart with nothing pending changes nothing and takes no backup.
        start(database).close();
        try (Connection connection = TestDatabase.connect(database)) {
            assertThat(query(connection, "SELECT count(*) FROM installation")).containsExactly("1");
        }
        assertThat(backups(database)).isEmpty();
    }

    @Test
    void failedMigrationStopsStartUpNamesTheMigrationAndLeavesTheDataAsItWas() throws Exception {
        Map<String, String> database = TestDatabase.fresh();
        start(database).close();
        List<String> before;
        try (Connection connection = TestDatabase.connect(database)) {
            before = query(connection, "SELECT id || ' ' || created_at || ' ' || created_by FROM installation");
        }

        Map<String, String> upgraded = new HashMap<>(database);
        upgraded.put("spring.flyway.locations", WITH_FAILING);
        Throwable failure = catchStartFailure(upgraded);

        MigrationFailedException migrationFailure = findCause(failure, MigrationFailedException.class);
        assertThat(migrationFailure.migration()).isEqualTo("V9000 (add notes then fail)");
        assertThat(migrationFailure.getMessage()).contains("V9000 (add notes then fail)").contains("no_such_table");
        try (Connection connection = TestDatabase.connect(database)) {
            assertThat(query(connection, "SELECT id || ' ' || created_at || ' ' || created_by FROM installation"))
                    .isEqualTo(before);
            assertThat(tableExists(connection, "notes")).isFalse();
            assertThat(query(connection, "SELECT version FROM flyway_schema_history ORDER BY installed_rank"))
                    .doesNotContain("9000");
        }
        if (TestDatabase.kind() == TestDatabase.Kind.SQLITE) {
            Path backup = migrationFailure.backup().orElseThrow();
            assertThat(backup).exists().hasParent(dataDir(database));
            assertThat(backup.getFileName().toString()).startsWith("starkbot.db.before-V9000-").endsWith(".bak");
            assertThat(migrationFailure.getMessage()).contains(backup.toString());
        }

        FailureAnalysis analysis = new MigrationFailureAnalyzer().analyze(failure);
        assertThat(analysis).isNotNull();
        assertThat(analysis.getDescription()).contains("V9000 (add notes then fail)");
        assertThat(analysis.getAction()).contains("unchanged");

        // The previous version still starts on the untouched data.
        start(database).close();
    }

    @Test
    void sqliteIsBackedUpBeforeMigratingDataAndOldBackupsArePruned() throws Exception {
        if (TestDatabase.kind() != TestDatabase.Kind.SQLITE) {
            return;
        }
        Map<String, String> database = TestDatabase.fresh();
        start(database).close();
        Map<String, String> failing = new HashMap<>(database);
        failing.put("spring.flyway.locations", WITH_FAILING);
        failing.put("starkbot.database.backups-kept", "2");
        for (int attempt = 0; attempt < 3; attempt++) {
            catchStartFailure(failing);
            Thread.sleep(1100); // backup names carry the time to the second
        }
        // Repeated failed starts (a service manager restarting StarkBot) keep only the newest copies.
        assertThat(backups(database)).hasSize(2);
        try (Connection connection = TestDatabase.connect(database);
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS scratch (id INTEGER)");
        }
        Map<String, String> passing = new HashMap<>(database);
        passing.put("spring.flyway.locations", OWN + ",classpath:db/passing-migration");
        passing.put("starkbot.database.backups-kept", "2");
        start(passing).close();
        assertThat(backups(database)).hasSize(2);
    }

    private static ConfigurableApplicationContext start(Map<String, String> properties) {
        return new SpringApplicationBuilder(StarkBotApplication.class)
                .web(WebApplicationType.NONE)
                .run(toArgs(properties));
    }

    private static Throwable catchStartFailure(Map<String, String> properties) {
        List<Throwable> caught = new ArrayList<>();
        assertThatThrownBy(() -> start(properties).close()).satisfies(caught::add);
        return caught.getFirst();
    }

    private static String[] toArgs(Map<String, String> properties) {
        return properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
    }

    private static <T extends Throwable> T findCause(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        throw new AssertionError("No " + type.getSimpleName() + " in " + failure, failure);
    }

    private static Path dataDir(Map<String, String> properties) {
        return Path.of(properties.get("starkbot.data-dir"));
    }

    private static List<Path> backups(Map<String, String> properties) throws Exception {
        try (Stream<Path> files = Files.list(dataDir(properties))) {
            return files.filter(p -> p.getFileName().toString().endsWith(".bak")).toList();
        }
    }

    private static String trueLiteral() {
        return TestDatabase.kind() == TestDatabase.Kind.SQLITE ? "1" : "true";
    }

    private static boolean tableExists(Connection connection, String table) throws SQLException {
        try (ResultSet tables = connection.getMetaData().getTables(null, null, table, null)) {
            return tables.next();
        }
    }

    private static List<String> query(Connection connection, String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet resultSet = statement.executeQuery(sql)) {
            while (resultSet.next()) {
                rows.add(resultSet.getString(1));
            }
        }
        return rows;
    }
}
