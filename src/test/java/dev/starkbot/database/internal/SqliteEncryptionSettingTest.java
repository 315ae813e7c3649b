package dev.starkbot.database.internal;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;

import dev.starkbot.StarkBotApplication;
import dev.starkbot.database.SqliteEncryption;
import dev.starkbot.testing.TestDatabase;

class SqliteEncryptionSettingTest {

    @Test
    void anEncryptionKeyWithoutTheSqlCipherBuildStopsStartUpSayingHowToGetIt() {
        assumeFalse(SqliteEncryption.available(), "this is the -Psqlcipher build");
        assertThatThrownBy(() -> new SpringApplicationBuilder(StarkBotApplication.class)
                .web(WebApplicationType.NONE)
                .run("--starkbot.data-dir=" + TestDatabase.newDataDir(),
                        "--starkbot.database.encryption-key=some passphrase").close())
                .hasStackTraceContaining("mvn -Psqlcipher package");
    }
}
