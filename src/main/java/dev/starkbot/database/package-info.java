/**
 * The relational database every other module stores into: an embedded SQLite file in the data directory by
 * default, or a shared PostgreSQL server for several instances. It opens the connection pool, applies the Flyway
 * migrations at start-up (backing SQLite up first and restoring it if a migration fails), and reports its health.
 * Modules use the {@code DataSource} through Spring's {@code JdbcClient} with SQL that runs on both databases.
 */
@ApplicationModule(displayName = "Database")
@NullMarked
package dev.starkbot.database;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
