package dev.starkbot.database.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.starkbot.database.Database;
import dev.starkbot.database.DatabaseKind;
import dev.starkbot.database.DatabaseProperties;
import dev.starkbot.shared.StarkBotProperties;

/** SQLite is the default: these pragmas are what make it safe under a concurrent server. SQLite only. */
@SpringBootTest
class SqliteConnectionIntegrationTest {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Database database;

    @Autowired
    Environment environment;

    @Test
    void opensTheFileInTheDataDirectoryWithWalForeignKeysAndABusyTimeout() throws Exception {
        assertThat(database.kind()).isEqualTo(DatabaseKind.SQLITE);
        Path dataDir = Path.of(environment.getRequiredProperty("starkbot.data-dir")).toAbsolutePath().normalize();
        assertThat(database.sqliteFile()).contains(dataDir.resolve("starkbot.db"));

        assertThat(jdbc.sql("PRAGMA journal_mode").query(String.class).single()).isEqualToIgnoringCase("wal");
        assertThat(jdbc.sql("PRAGMA foreign_keys").query(Integer.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("PRAGMA busy_timeout").query(Integer.class).single()).isEqualTo(5000);
        assertThat(jdbc.sql("PRAGMA synchronous").query(Integer.class).single()).isEqualTo(1); // NORMAL
    }

    @Test
    void createsAMissingDataDirectoryReadableByItsOwnerOnly() throws Exception {
        Path fresh = Files.createTempDirectory("starkbot-datadir").resolve("nested/data");
        DatabaseProperties properties = new DatabaseProperties(null, null, null, 2, Duration.ofSeconds(1),
                Duration.ofSeconds(1), 0, Duration.ofSeconds(1), null);
        new DataSourceConfiguration().databaseTarget(new StarkBotProperties(fresh), properties);

        assertThat(fresh).isDirectory();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(fresh))).isEqualTo("rwx------");
    }
}
