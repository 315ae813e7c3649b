package dev.starkbot.crypto.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

import dev.starkbot.StarkBotApplication;
import dev.starkbot.crypto.CryptoException;
import dev.starkbot.crypto.MasterKeyMismatchException;
import dev.starkbot.crypto.MasterKeyRotation;
import dev.starkbot.crypto.SecretCipher;
import dev.starkbot.crypto.spi.SealedColumn;
import dev.starkbot.shared.Secret;
import dev.starkbot.testing.StorageTest;
import dev.starkbot.testing.TestDatabase;

@StorageTest
class KeyringIntegrationTest {

    @Test
    void firstStartCreatesAPrivateKeyFileAndSealedValuesOpenOnlyWhereTheyWereSealed() throws Exception {
        Map<String, String> database = TestDatabase.fresh();
        Path keyFile = Path.of(database.get("starkbot.data-dir")).resolve("master.key");
        try (ConfigurableApplicationContext context = start(database)) {
            assertThat(keyFile).exists();
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
            SecretCipher cipher = context.getBean(SecretCipher.class);
            String sealed = cipher.seal("sk-ant-secret-value", "settings:/ai.anthropic.api-key");
            assertThat(sealed).doesNotContain("secret-value");
            assertThat(cipher.open(sealed, "settings:/ai.anthropic.api-key")).isEqualTo("sk-ant-secret-value");
            assertThatThrownBy(() -> cipher.open(sealed, "settings:/ai.openai.api-key"))
                    .isInstanceOf(CryptoException.class);
        }
        try (Connection connection = TestDatabase.connect(database)) {
            String wrapped = single(connection, "SELECT wrapped_keyset FROM crypto_keyring");
            assertThat(wrapped).doesNotContain(Files.readString(keyFile).strip());
        }
    }

    @Test
    void aWrongMasterKeyStopsStartUpAndLeavesTheDataUntouched() throws Exception {
        Map<String, String> database = TestDatabase.fresh();
        Map<String, String> right = with(database, "starkbot.master-key", "the right passphrase, long enough");
        String sealed;
        try (ConfigurableApplicationContext context = start(right)) {
            sealed = context.getBean(SecretCipher.class).seal("bot-token-123", "test:1");
        }
        String before;
        try (Connection connection = TestDatabase.connect(database)) {
            before = single(connection, "SELECT wrapped_keyset || master_source || kdf_salt FROM crypto_keyring");
        }

        Map<String, String> wrong = with(database, "starkbot.master-key", "a wrong passphrase, long enough");
        assertThatThrownBy(() -> start(wrong).close()).satisfies(e -> {
                    MasterKeyMismatchException mismatch = cause(e, MasterKeyMismatchException.class);
                    assertThat(mismatch.getMessage()).contains("STARKBOT_MASTER_KEY").contains("Nothing was changed");
                });

        // Without the passphrase at all: refused, and no stray key file is made up.
        assertThatThrownBy(() -> start(database).close()).satisfies(e -> assertThat(
                cause(e, MasterKeyMismatchException.class).getMessage()).contains("STARKBOT_MASTER_KEY"));
        assertThat(Path.of(database.get("starkbot.data-dir")).resolve("master.key")).doesNotExist();

        try (Connection connection = TestDatabase.connect(database)) {
            assertThat(single(connection, "SELECT wrapped_keyset || master_source || kdf_salt FROM crypto_keyring"))
                    .isEqualTo(before);
        }
        try (ConfigurableApplicationContext context = start(right)) {
            assertThat(context.getBean(SecretCipher.class).open(sealed, "test:1")).isEqualTo("bot-token-123");
        }
    }

    @Test
    void aMissingKeyFileIsAnErrorNotANewKey() throws Exception {
        Map<String, String> database = TestDatabase.fresh();
        Path keyFile = Path.of(database.get("starkbot.data-dir")).resolve("master.key");
        start(database).close();
        Files.delete(keyFile);

        assertThatThrownBy(() -> start(database).close())
                .satisfies(e -> assertThat(cause(e, MasterKeyMismatchException.class).getMessage())
                        .contains("missing key file"));
        assertThat(keyFile).doesNotExist();
    }

    @Test
    void rotationReencryptsEverySealedValueUnderNewKeys() throws Exception {
        Map<String, String> database = TestDatabase.fresh();
        Path keyFile = Path.of(database.get("starkbot.data-dir")).resolve("master.key");
        List<String> ids = List.of("a", "b", "c");
        try (ConfigurableApplicationContext context = start(database, SealedTestTable.class)) {
            SecretCipher cipher = context.getBean(SecretCipher.class);
            try (Connection connection = TestDatabase.connect(database);
                 Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE test_sealed (id VARCHAR(10) PRIMARY KEY, value VARCHAR(500))");
                for (String id : ids) {
                    statement.execute("INSERT INTO test_sealed VALUES ('" + id + "', '"
                            + cipher.seal("secret-" + id, "test_sealed:" + id) + "')");
                }
            }
            String oldKey = Files.readString(keyFile);
            Map<String, Integer> counts = context.getBean(MasterKeyRotation.class).rotate(null);
            assertThat(counts).containsEntry("test_sealed.value", 3);
            assertThat(Files.readString(keyFile)).isNotEqualTo(oldKey);
            assertThat(keyFile.resolveSibling("master.key.old")).hasContent(oldKey);
        }
        try (ConfigurableApplicationContext context = start(database, SealedTestTable.class)) {
            SecretCipher cipher = context.getBean(SecretCipher.class);
            try (Connection connection = TestDatabase.connect(database);
                 Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT id, value FROM test_sealed ORDER BY id")) {
                while (rows.next()) {
                    assertThat(cipher.open(rows.getString(2), "test_sealed:" + rows.getString(1)))
                            .isEqualTo("secret-" + rows.getString(1));
                }
            }
            // Rotating onto a passphrase works the same way.
            context.getBean(MasterKeyRotation.class).rotate(Secret.of("a passphrase chosen later on"));
        }
        assertThatThrownBy(() -> start(database).close()).satisfies(
                e -> assertThat(cause(e, MasterKeyMismatchException.class)).isNotNull());
        start(with(database, "starkbot.master-key", "a passphrase chosen later on")).close();
    }

    @TestConfiguration
    static class SealedTestTable {

        @Bean
        SealedColumn testSealed() {
            return new SealedColumn("test_sealed", "id", "value", "test_sealed:");
        }
    }

    private static ConfigurableApplicationContext start(Map<String, String> properties, Class<?>... extra) {
        List<String> args = new ArrayList<>();
        properties.forEach((key, value) -> args.add("--" + key + "=" + value));
        return new SpringApplicationBuilder(StarkBotApplication.class).sources(extra)
                .web(WebApplicationType.NONE).run(args.toArray(String[]::new));
    }

    private static Map<String, String> with(Map<String, String> base, String key, String value) {
        Map<String, String> copy = new HashMap<>(base);
        copy.put(key, value);
        return copy;
    }

    private static String single(Connection connection, String sql) throws Exception {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        }
    }

    private static <T extends Throwable> T cause(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        throw new AssertionError("No " + type.getSimpleName() + " in " + failure, failure);
    }
}
