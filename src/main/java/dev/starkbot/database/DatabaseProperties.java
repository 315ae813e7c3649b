package dev.starkbot.database;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import dev.starkbot.shared.Secret;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * Where and how StarkBot stores its data.
 *
 * @param url               JDBC URL of a PostgreSQL database ({@code jdbc:postgresql://host:5432/starkbot}); when
 *                          empty, StarkBot uses the SQLite file {@code starkbot.db} in the data directory. Any other
 *                          kind of URL stops start-up.
 *                          Env: {@code STARKBOT_DATABASE_URL}.
 * @param username          PostgreSQL user. Env: {@code STARKBOT_DATABASE_USERNAME}.
 * @param password          PostgreSQL password. Env: {@code STARKBOT_DATABASE_PASSWORD}.
 * @param poolSize          most connections held open, from 2 to 200; SQLite lets one of them write at a time,
 *                          PostgreSQL needs at least 2 (the scheduler polls while requests run).
 * @param connectionTimeout how long a request waits for a free connection before failing.
 * @param busyTimeout       SQLite only: how long a writer waits for another writer's lock before failing.
 * @param backupsKept       SQLite only: how many pre-migration backups to keep beside the database; older ones are
 *                          deleted after a successful migration. 0 turns the backup off (not recommended).
 * @param healthTimeout     how long {@code /health} waits for the database to answer before reporting it down.
 * @param encryptionKey     SQLite only: encrypt the whole database file (SQLCipher v4 format) with this passphrase.
 *                          Needs a StarkBot built with {@code -Psqlcipher}; an existing plain database must first be
 *                          converted with the {@code encrypt-database} command. Env:
 *                          {@code STARKBOT_DATABASE_ENCRYPTION_KEY}.
 */
@ConfigurationProperties("starkbot.database")
@Validated
public record DatabaseProperties(
        @Nullable String url,
        @Nullable String username,
        @Nullable Secret password,
        @DefaultValue("10") @Min(2) @Max(200) int poolSize,
        @DefaultValue("10s") Duration connectionTimeout,
        @DefaultValue("5s") Duration busyTimeout,
        @DefaultValue("3") @Min(0) int backupsKept,
        @DefaultValue("2s") Duration healthTimeout,
        @Nullable Secret encryptionKey) {

    public DatabaseKind kind() {
        return url == null || url.isBlank() ? DatabaseKind.SQLITE : DatabaseKind.POSTGRESQL;
    }
}
