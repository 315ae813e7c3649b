package dev.starkbot.settings.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class SettingsRepository {

    /** A stored setting; exactly one of {@code value} and {@code sealed} is set. */
    record Row(String id, String ownerId, String key, @Nullable String value, @Nullable String sealed,
               @Nullable String hint, long updatedAt, String updatedBy) {
    }

    static final String GLOBAL = "";

    private final JdbcClient jdbc;

    SettingsRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    static String id(String ownerId, String key) {
        return ownerId + "/" + key;
    }

    Optional<Row> find(String ownerId, String key) {
        return jdbc.sql("SELECT id, owner_id, setting_key, value, sealed_value, hint, updated_at, updated_by "
                        + "FROM settings WHERE id = ?")
                .param(id(ownerId, key)).query(SettingsRepository::map).optional();
    }

    List<Row> all(String ownerId) {
        return jdbc.sql("SELECT id, owner_id, setting_key, value, sealed_value, hint, updated_at, updated_by "
                        + "FROM settings WHERE owner_id = ? ORDER BY setting_key")
                .param(ownerId).query(SettingsRepository::map).list();
    }

    void save(Row row) {
        jdbc.sql("INSERT INTO settings (id, owner_id, setting_key, value, sealed_value, hint, updated_at, updated_by) "
                        + "VALUES (?,?,?,?,?,?,?,?) ON CONFLICT (id) DO UPDATE SET value = excluded.value, "
                        + "sealed_value = excluded.sealed_value, hint = excluded.hint, "
                        + "updated_at = excluded.updated_at, updated_by = excluded.updated_by")
                .params(row.id(), row.ownerId(), row.key(), row.value(), row.sealed(), row.hint(), row.updatedAt(),
                        row.updatedBy())
                .update();
    }

    boolean delete(String ownerId, String key) {
        return jdbc.sql("DELETE FROM settings WHERE id = ?").param(id(ownerId, key)).update() > 0;
    }

    private static Row map(ResultSet rs, int n) throws SQLException {
        return new Row(rs.getString("id"), rs.getString("owner_id"), rs.getString("setting_key"),
                rs.getString("value"), rs.getString("sealed_value"), rs.getString("hint"), rs.getLong("updated_at"),
                rs.getString("updated_by"));
    }
}
