package dev.starkbot.database.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import dev.starkbot.database.DatabaseKind;
import dev.starkbot.database.DatabaseProperties;
import dev.starkbot.database.SqliteEncryption;
import dev.starkbot.shared.StarkBotProperties;

/**
 * Opens the one connection pool of the process, on SQLite or PostgreSQL. Spring Boot's own DataSource
 * auto-configuration backs off because this bean exists; Flyway, JdbcClient and the pool metrics all use it.
 */
@Configuration(proxyBeanMethods = false)
class DataSourceConfiguration {

    private static final Logger log = LoggerFactory.getLogger(DataSourceConfiguration.class);
    static final String SQLITE_FILE_NAME = "starkbot.db";

    @Bean
    DatabaseTarget databaseTarget(StarkBotProperties starkbot, DatabaseProperties properties) {
        if (properties.kind() == DatabaseKind.POSTGRESQL) {
            String url = properties.url();
            if (url == null || !url.startsWith("jdbc:postgresql:")) {
                throw new IllegalStateException("starkbot.database.url must be a PostgreSQL JDBC URL "
                        + "(jdbc:postgresql://host:5432/database); leave it empty to use the embedded SQLite file");
            }
            return new DatabaseTarget(DatabaseKind.POSTGRESQL, url, null);
        }
        Path dataDir = starkbot.dataDir().toAbsolutePath().normalize();
        createPrivateDirectory(dataDir);
        Path file = dataDir.resolve(SQLITE_FILE_NAME);
        return new DatabaseTarget(DatabaseKind.SQLITE, "jdbc:sqlite:" + file, file);
    }

    @Bean(destroyMethod = "close")
    HikariDataSource dataSource(DatabaseTarget target, DatabaseProperties properties) {
        HikariConfig config = new HikariConfig();
        config.setMaximumPoolSize(properties.poolSize());
        config.setConnectionTimeout(properties.connectionTimeout().toMillis());
        switch (target.kind()) {
            case SQLITE -> {
                config.setPoolName("starkbot-sqlite");
                config.setDataSource(sqlite(target, properties));
            }
            case POSTGRESQL -> {
                config.setPoolName("starkbot-postgresql");
                config.setJdbcUrl(target.jdbcUrl());
                config.setUsername(properties.username());
                if (properties.password() != null) {
                    config.setPassword(properties.password().reveal());
                }
                config.setMinimumIdle(2);
            }
        }
        log.info("Database: {}", target.describe());
        try {
            return new HikariDataSource(config);
        } catch (RuntimeException e) {
            if (target.kind() == DatabaseKind.SQLITE && properties.encryptionKey() != null) {
                throw new IllegalStateException("Cannot open the encrypted database " + target.sqliteFile()
                        + ": STARKBOT_DATABASE_ENCRYPTION_KEY is not its key (or the file is damaged)", e);
            }
            throw e;
        }
    }

    private static DataSource sqlite(DatabaseTarget target, DatabaseProperties properties) {
        SQLiteConfig config = sqliteConfig(target, properties);
        // WAL lets readers proceed while one connection writes; NORMAL sync is durable across process crashes
        // in WAL mode and only risks the last transactions on power loss, the usual trade for a server.
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        config.enforceForeignKeys(true);
        config.setBusyTimeout((int) properties.busyTimeout().toMillis());
        // A deferred transaction that reads and then writes cannot wait for the lock (SQLite answers BUSY at once
        // to avoid a deadlock); taking the write lock at BEGIN makes writers queue on the busy timeout instead.
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        SQLiteDataSource dataSource = new SQLiteDataSource(config);
        dataSource.setUrl(target.jdbcUrl());
        return dataSource;
    }

    /**
     * A plain or an encrypted connection, and a clear refusal when the file and the setting disagree: opening an
     * encrypted file without the key (or a plain one with a key) would otherwise fail later with "file is not a
     * database", or silently leave the data unencrypted.
     */
    private static SQLiteConfig sqliteConfig(DatabaseTarget target, DatabaseProperties properties) {
        Path file = target.sqliteFile();
        boolean exists = file != null && Files.exists(file) && file.toFile().length() > 0;
        if (properties.encryptionKey() == null || properties.encryptionKey().isBlank()) {
            if (exists && !SqliteEncryption.isPlain(file)) {
                throw new IllegalStateException("The database " + file + " is encrypted: set "
                        + "STARKBOT_DATABASE_ENCRYPTION_KEY (and use a StarkBot built with -Psqlcipher)");
            }
            return new SQLiteConfig();
        }
        if (exists && SqliteEncryption.isPlain(file)) {
            throw new IllegalStateException("STARKBOT_DATABASE_ENCRYPTION_KEY is set but " + file + " is not "
                    + "encrypted. Stop StarkBot and convert it first: java -jar starkbot.jar encrypt-database "
                    + "(see docs/security.md)");
        }
        return SqliteEncryption.config(properties.encryptionKey().reveal());
    }

    private static void createPrivateDirectory(Path dir) {
        try {
            if (Files.isDirectory(dir)) {
                return;
            }
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rwx------")));
            } else {
                Files.createDirectories(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the data directory " + dir, e);
        }
    }
}
