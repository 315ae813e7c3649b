package dev.starkbot.database.internal;

import java.util.UUID;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The one row that identifies this installation, written on the first start. Instances that share a PostgreSQL
 * database share the id; it outlives upgrades and never leaves the machine.
 */
final class InstallationRecord {

    private static final Logger log = LoggerFactory.getLogger(InstallationRecord.class);

    private InstallationRecord() {
    }

    static void ensure(DataSource dataSource, String version) {
        JdbcClient jdbc = JdbcClient.create(dataSource);
        boolean present = jdbc.sql("SELECT count(*) FROM installation").query(Long.class).single() > 0;
        if (!present) {
            String id = UUID.randomUUID().toString();
            // Two instances starting at once on an empty PostgreSQL database may both get here; the second insert
            // only adds a row nobody reads first, since readers order by created_at.
            jdbc.sql("INSERT INTO installation (id, created_at, created_by) VALUES (?, ?, ?)")
                    .params(id, System.currentTimeMillis(), version)
                    .update();
            log.info("New installation {}", id);
        }
    }
}
