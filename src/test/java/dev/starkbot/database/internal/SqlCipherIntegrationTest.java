package dev.starkbot.database.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.starkbot.StarkBotApplication;
import dev.starkbot.database.SqliteEncryption;
import dev.starkbot.testing.TestDatabase;

/** Runs only in the -Psqlcipher build ({@code .ci/run} runs it), where the SQLCipher driver replaces xerial's. */
@Tag("sqlcipher")
class SqlCipherIntegrationTest {

    private static final String KEY = "a database passphrase";
    private static final String MARKER = "CONVERSATION-MARKER-41c7";

    @Test
    void anEncryptedDatabaseKeepsNothingReadableOnDiskAndNeedsItsKey() throws Exception {
        Path dataDir = TestDatabase.newDataDir();
        try (ConfigurableApplicationContext context = start(dataDir, KEY)) {
            writeMarker(context);
        }
        assertNotReadable(dataDir);

        assertThatThrownBy(() -> start(dataDir, null).close()).hasStackTraceContaining("is encrypted");
        assertThatThrownBy(() -> start(dataDir, "not the passphrase").close())
                .hasStackTraceContaining("is not its key");
        try (ConfigurableApplicationContext context = start(dataDir, KEY)) {
            assertThat(readMarker(context)).isEqualTo(MARKER);
        }
    }

    @Test
    void aPlainDatabaseIsConvertedInPlace() throws Exception {
        Path dataDir = TestDatabase.newDataDir();
        try (ConfigurableApplicationContext context = start(dataDir, null)) {
            writeMarker(context);
        }
        assertThat(SqliteEncryption.isPlain(dataDir.resolve("starkbot.db"))).isTrue();
        assertThatThrownBy(() -> start(dataDir, KEY).close()).hasStackTraceContaining("is not encrypted");

        SqliteEncryption.encrypt(dataDir.resolve("starkbot.db"), KEY);

        assertNotReadable(dataDir);
        try (ConfigurableApplicationContext context = start(dataDir, KEY)) {
            assertThat(readMarker(context)).isEqualTo(MARKER);
        }
    }

    private static void writeMarker(ConfigurableApplicationContext context) {
        JdbcClient jdbc = context.getBean(JdbcClient.class);
        jdbc.sql("CREATE TABLE IF NOT EXISTS test_marker (value VARCHAR(100))").update();
        jdbc.sql("INSERT INTO test_marker (value) VALUES (?)").param(MARKER).update();
    }

    private static String readMarker(ConfigurableApplicationContext context) {
        return context.getBean(JdbcClient.class).sql("SELECT value FROM test_marker").query(String.class).single();
    }

    private static void assertNotReadable(Path dataDir) throws Exception {
        assertThat(SqliteEncryption.isPlain(dataDir.resolve("starkbot.db"))).isFalse();
        try (var files = Files.list(dataDir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith("starkbot.db")).toList()) {
                assertThat(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1)).as(file.toString())
                        .doesNotContain(MARKER).doesNotContain("CREATE TABLE");
            }
        }
    }

    private static ConfigurableApplicationContext start(Path dataDir, String key) {
        List<String> args = new ArrayList<>(List.of("--starkbot.data-dir=" + dataDir));
        if (key != null) {
            args.add("--starkbot.database.encryption-key=" + key);
        }
        return new SpringApplicationBuilder(StarkBotApplication.class).web(WebApplicationType.NONE)
                .run(args.toArray(String[]::new));
    }
}
