package dev.starkbot.platform.internal;

import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Which conversation a chat continues, and on whose account. */
@Repository
class RouteRepository {

    private final JdbcClient jdbc;

    RouteRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Route> find(String routeKey) {
        return jdbc.sql("SELECT owner_id, conversation_id FROM platform_routes WHERE route_key = ?")
                .param(routeKey).query(Route.class).optional();
    }

    void save(String routeKey, String ownerId, String conversationId, long now) {
        int updated = jdbc.sql("UPDATE platform_routes SET owner_id = ?, conversation_id = ?, updated_at = ? "
                        + "WHERE route_key = ?")
                .params(ownerId, conversationId, now, routeKey).update();
        if (updated == 0) {
            jdbc.sql("INSERT INTO platform_routes (route_key, owner_id, conversation_id, updated_at) "
                            + "VALUES (?, ?, ?, ?)")
                    .params(routeKey, ownerId, conversationId, now).update();
        }
    }

    record Route(String ownerId, String conversationId) {
    }
}
