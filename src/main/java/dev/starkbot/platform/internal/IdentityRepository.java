package dev.starkbot.platform.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Platform accounts linked to StarkBot users. */
@Repository
class IdentityRepository {

    /**
     * One platform account that is a StarkBot user.
     *
     * @param displayName the name the platform showed when it was linked
     */
    record Identity(String platform, String platformUserId, String userId, String displayName, Instant linkedAt) {
    }

    private final JdbcClient jdbc;

    IdentityRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<String> userOf(String platform, String platformUserId) {
        return jdbc.sql("SELECT user_id FROM platform_identities WHERE platform = ? AND platform_user_id = ?")
                .params(platform, platformUserId).query(String.class).optional();
    }

    /**
     * Links the account to the user, replacing an earlier link of the same account: whoever links it again proved
     * they hold both the platform account and (with a link code or an admin's approval) the StarkBot one.
     */
    Identity link(String platform, String platformUserId, String userId, String displayName, long now) {
        jdbc.sql("""
                INSERT INTO platform_identities (platform, platform_user_id, user_id, display_name, linked_at)
                VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (platform, platform_user_id) DO UPDATE SET user_id = excluded.user_id,
                    display_name = excluded.display_name, linked_at = excluded.linked_at""")
                .params(platform, platformUserId, userId, displayName, now).update();
        return new Identity(platform, platformUserId, userId, displayName, Instant.ofEpochMilli(now));
    }

    /** The platform accounts of active admins, who are told of pairing requests there. */
    List<Identity> ofActiveAdmins(String platform) {
        return jdbc.sql("""
                SELECT i.* FROM platform_identities i JOIN users u ON u.id = i.user_id
                WHERE i.platform = ? AND u.role = 'admin' AND u.status = 'active' ORDER BY i.linked_at""")
                .param(platform).query(IdentityRepository::map).list();
    }

    List<Identity> ofUser(String userId) {
        return jdbc.sql("SELECT * FROM platform_identities WHERE user_id = ? ORDER BY linked_at, platform")
                .param(userId).query(IdentityRepository::map).list();
    }

    /**
     * @param ownerId the user the identity must belong to, or null for any user's (an admin unlinking it)
     * @return false when there was no such identity, or it was someone else's
     */
    boolean unlink(String platform, String platformUserId, @Nullable String ownerId) {
        String sql = "DELETE FROM platform_identities WHERE platform = ? AND platform_user_id = ?";
        return ownerId == null
                ? jdbc.sql(sql).params(platform, platformUserId).update() == 1
                : jdbc.sql(sql + " AND user_id = ?").params(platform, platformUserId, ownerId).update() == 1;
    }

    private static Identity map(ResultSet row, int number) throws SQLException {
        return new Identity(row.getString("platform"), row.getString("platform_user_id"), row.getString("user_id"),
                row.getString("display_name"), Instant.ofEpochMilli(row.getLong("linked_at")));
    }
}
