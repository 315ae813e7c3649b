package dev.starkbot.platform.internal;

import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.starkbot.platform.AccessPolicy;
import dev.starkbot.platform.IncomingMessage;
import dev.starkbot.user.Role;

/** Interim: open and allow-listed senders talk as guests of the first admin; pairing lands with its own change. */
@Component
class DefaultPlatformAccess implements PlatformAccess {

    private final JdbcClient jdbc;

    DefaultPlatformAccess(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public AccessDecision decide(IncomingMessage message, AccessPolicy policy) {
        boolean allowed = policy.mode() == AccessPolicy.Mode.OPEN
                || policy.mode() != AccessPolicy.Mode.DISABLED && policy.allow().contains(message.senderId());
        if (!allowed) {
            return new AccessDecision.Refused("not allowed");
        }
        return jdbc.sql("SELECT id FROM users WHERE role = 'admin' ORDER BY created_at LIMIT 1").query(String.class)
                .optional().<AccessDecision>map(owner -> new AccessDecision.Allowed(owner, Role.USER, true))
                .orElse(new AccessDecision.Refused("no owner yet"));
    }

    @Override
    public Optional<String> link(String platform, String senderId, String senderName, String code) {
        return Optional.empty();
    }
}
