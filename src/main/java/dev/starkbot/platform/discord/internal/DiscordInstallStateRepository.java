package dev.starkbot.platform.discord.internal;

import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The states of install links, by their SHA-256 only. A state whose {@code expires_at} has passed is treated as gone
 * everywhere.
 */
@Repository
class DiscordInstallStateRepository {

    /** Who asked for the install link. */
    record Requester(String userId, String username) {
    }

    private final JdbcClient jdbc;

    DiscordInstallStateRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(String stateHash, String userId, String username, long now, long expiresAt) {
        jdbc.sql("INSERT INTO discord_install_states (state_hash, user_id, username, created_at, expires_at) "
                + "VALUES (?, ?, ?, ?, ?)").params(stateHash, userId, username, now, expiresAt).update();
    }

    /**
     * Uses a state up. Whoever deletes the row has it: of two callbacks with the same state at once (a reload, two
     * instances), only one goes on to exchange the code.
     *
     * @return who asked for the link, or empty when the state is unknown, expired or just used
     */
    Optional<Requester> consume(String stateHash, long now) {
        Optional<Requester> requester = jdbc.sql("SELECT user_id, username FROM discord_install_states "
                        + "WHERE state_hash = ? AND expires_at > ?").params(stateHash, now)
                .query((row, n) -> new Requester(row.getString("user_id"), row.getString("username"))).optional();
        if (requester.isEmpty() || jdbc.sql("DELETE FROM discord_install_states WHERE state_hash = ?")
                .param(stateHash).update() != 1) {
            return Optional.empty();
        }
        return requester;
    }

    int deleteExpired(long now) {
        return jdbc.sql("DELETE FROM discord_install_states WHERE expires_at <= ?").param(now).update();
    }
}
