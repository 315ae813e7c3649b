package dev.starkbot.platform.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.starkbot.database.UniqueViolation;

/** Pairing codes waiting for an admin. A code whose {@code expires_at} has passed is treated as gone everywhere. */
@Repository
class PairingRepository {

    /**
     * A code an unknown sender was given, as admins see it.
     *
     * @param chatId where the sender asked, so that they can be told when they are let in
     */
    record Pairing(String code, String platform, String senderId, String senderName, String chatId,
                   Instant createdAt, Instant expiresAt) {
    }

    private static final String COLUMNS = "code, platform, sender_id, sender_name, chat_id, created_at, expires_at";

    private final JdbcClient jdbc;

    PairingRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Pairing> pendingFor(String platform, String senderId, long now) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM platform_pairings WHERE platform = ? AND sender_id = ? "
                        + "AND expires_at > ?")
                .params(platform, senderId, now).query(PairingRepository::map).optional();
    }

    Optional<Pairing> pending(String code, long now) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM platform_pairings WHERE code = ? AND expires_at > ?")
                .params(code, now).query(PairingRepository::map).optional();
    }

    List<Pairing> pending(long now) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM platform_pairings WHERE expires_at > ? ORDER BY created_at, code")
                .param(now).query(PairingRepository::map).list();
    }

    int countPending(long now) {
        return jdbc.sql("SELECT COUNT(*) FROM platform_pairings WHERE expires_at > ?").param(now)
                .query(Integer.class).single();
    }

    /**
     * Marks the code as told to its sender, unless that happened after {@code remindedBefore}. The condition is in
     * the update, so of two instances handling messages of one sender at once only one tells the code.
     *
     * @return whether the sender should be told the code now
     */
    boolean remind(String code, long now, long remindedBefore) {
        return jdbc.sql("UPDATE platform_pairings SET last_reminded_at = ? WHERE code = ? AND last_reminded_at < ?")
                .params(now, code, remindedBefore).update() == 1;
    }

    /** @return false when the code, or a code for this sender, exists already */
    boolean insert(Pairing pairing) {
        try {
            jdbc.sql("INSERT INTO platform_pairings (" + COLUMNS + ", last_reminded_at) VALUES (?,?,?,?,?,?,?,?)")
                    .params(pairing.code(), pairing.platform(), pairing.senderId(), pairing.senderName(),
                            pairing.chatId(), pairing.createdAt().toEpochMilli(), pairing.expiresAt().toEpochMilli(),
                            pairing.createdAt().toEpochMilli())
                    .update();
            return true;
        } catch (DataAccessException e) {
            if (UniqueViolation.is(e)) {
                return false;
            }
            throw e;
        }
    }

    /** @return false when there was no such code, or it had expired */
    boolean delete(String code, long now) {
        return jdbc.sql("DELETE FROM platform_pairings WHERE code = ? AND expires_at > ?").params(code, now)
                .update() == 1;
    }

    /** An expired code of this sender, which would keep them from getting a new one. */
    void deleteExpired(String platform, String senderId, long now) {
        jdbc.sql("DELETE FROM platform_pairings WHERE platform = ? AND sender_id = ? AND expires_at <= ?")
                .params(platform, senderId, now).update();
    }

    int deleteExpired(long now) {
        return jdbc.sql("DELETE FROM platform_pairings WHERE expires_at <= ?").param(now).update();
    }

    private static Pairing map(ResultSet row, int number) throws SQLException {
        return new Pairing(row.getString("code"), row.getString("platform"), row.getString("sender_id"),
                row.getString("sender_name"), row.getString("chat_id"),
                Instant.ofEpochMilli(row.getLong("created_at")), Instant.ofEpochMilli(row.getLong("expires_at")));
    }
}
