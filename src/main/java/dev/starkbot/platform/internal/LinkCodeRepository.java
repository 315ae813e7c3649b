package dev.starkbot.platform.internal;

import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Link codes, by their SHA-256 only. A code whose {@code expires_at} has passed is treated as gone everywhere. */
@Repository
class LinkCodeRepository {

    private final JdbcClient jdbc;

    LinkCodeRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(String codeHash, String userId, long now, long expiresAt) {
        jdbc.sql("INSERT INTO platform_link_codes (code_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)")
                .params(codeHash, userId, now, expiresAt).update();
    }

    int countLive(String userId, long now) {
        return jdbc.sql("SELECT COUNT(*) FROM platform_link_codes WHERE user_id = ? AND expires_at > ?")
                .params(userId, now).query(Integer.class).single();
    }

    /**
     * Uses a code up. Whoever deletes the row has it: of two instances given the same code at once, only one
     * links an account with it.
     *
     * @return the user who made the code, or empty when it is unknown, expired or just used
     */
    Optional<String> consume(String codeHash, long now) {
        Optional<String> userId = jdbc.sql("SELECT user_id FROM platform_link_codes WHERE code_hash = ? "
                + "AND expires_at > ?").params(codeHash, now).query(String.class).optional();
        if (userId.isEmpty() || jdbc.sql("DELETE FROM platform_link_codes WHERE code_hash = ?").param(codeHash)
                .update() != 1) {
            return Optional.empty();
        }
        return userId;
    }

    int deleteExpired(long now) {
        return jdbc.sql("DELETE FROM platform_link_codes WHERE expires_at <= ?").param(now).update();
    }
}
