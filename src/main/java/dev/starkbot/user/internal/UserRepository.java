package dev.starkbot.user.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.starkbot.database.UniqueViolation;
import dev.starkbot.user.Preferences;
import dev.starkbot.user.Role;

@Repository
class UserRepository {

    private static final String COLUMNS = "id, username, display_name, password_hash, role, status, time_zone, "
            + "locale, default_persona, default_model, created_at, last_login_at";

    private final JdbcClient jdbc;

    UserRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    static String key(String username) {
        return username.strip().toLowerCase(Locale.ROOT);
    }

    long count() {
        return jdbc.sql("SELECT count(*) FROM users").query(Long.class).single();
    }

    Optional<UserRow> findById(String id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM users WHERE id = ?").param(id).query(UserRepository::map)
                .optional();
    }

    Optional<UserRow> findByUsername(String username) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM users WHERE username_key = ?").param(key(username))
                .query(UserRepository::map).optional();
    }

    List<UserRow> list(int limit, int offset) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM users ORDER BY created_at, id LIMIT ? OFFSET ?")
                .params(limit, offset).query(UserRepository::map).list();
    }

    /** @return false when the username is taken (the unique index decides, so two racing inserts cannot both win) */
    boolean insert(UserRow user) {
        try {
            jdbc.sql("INSERT INTO users (" + COLUMNS + ", username_key) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)")
                    .params(user.id(), user.username(), user.displayName(), user.passwordHash(), user.role().id(),
                            status(user.status()), user.preferences().timeZone(), user.preferences().locale(),
                            user.preferences().defaultPersona(), user.preferences().defaultModel(),
                            user.createdAt(), user.lastLoginAt(), key(user.username()))
                    .update();
            return true;
        } catch (DataAccessException e) {
            if (UniqueViolation.is(e)) {
                return false;
            }
            throw e;
        }
    }

    // Each change writes only its own columns. Writing back a whole row read earlier would let a slow password
    // change (Argon2 takes a while) undo an admin's concurrent disable or demotion.

    void updateProfile(String id, String displayName, Preferences preferences) {
        jdbc.sql("UPDATE users SET display_name = ?, time_zone = ?, locale = ?, default_persona = ?, "
                        + "default_model = ? WHERE id = ?")
                .params(displayName, preferences.timeZone(), preferences.locale(), preferences.defaultPersona(),
                        preferences.defaultModel(), id)
                .update();
    }

    void updatePassword(String id, String passwordHash) {
        jdbc.sql("UPDATE users SET password_hash = ? WHERE id = ?").params(passwordHash, id).update();
    }

    void updateAccess(String id, Role role, UserRow.Status status, String displayName) {
        jdbc.sql("UPDATE users SET role = ?, status = ?, display_name = ? WHERE id = ?")
                .params(role.id(), status(status), displayName, id).update();
    }

    long activeAdminsOtherThan(String id) {
        return jdbc.sql("SELECT count(*) FROM users WHERE role = 'admin' AND status = 'active' AND id <> ?")
                .param(id).query(Long.class).single();
    }

    /**
     * Serialises admin changes across instances: an update of the single installation row takes a row lock on
     * PostgreSQL (and SQLite's IMMEDIATE transactions serialise anyway), so two admins demoting each other at once
     * cannot both see the other as the remaining admin.
     */
    void lockAdminChanges() {
        jdbc.sql("UPDATE installation SET created_by = created_by").update();
    }

    void touchLogin(String id, long at) {
        jdbc.sql("UPDATE users SET last_login_at = ? WHERE id = ?").params(at, id).update();
    }

    private static String status(UserRow.Status status) {
        return status.name().toLowerCase(Locale.ROOT);
    }

    private static UserRow map(ResultSet row, int number) throws SQLException {
        long lastLogin = row.getLong("last_login_at");
        Long lastLoginAt = row.wasNull() ? null : lastLogin;
        return new UserRow(row.getString("id"), row.getString("username"), row.getString("display_name"),
                row.getString("password_hash"), Role.of(row.getString("role")),
                UserRow.Status.valueOf(row.getString("status").toUpperCase(Locale.ROOT)),
                new Preferences(row.getString("time_zone"), row.getString("locale"),
                        row.getString("default_persona"), row.getString("default_model")),
                row.getLong("created_at"), lastLoginAt);
    }
}
