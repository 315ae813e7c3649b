package dev.starkbot.user.internal;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import dev.starkbot.audit.AuditLog;
import dev.starkbot.user.Principal;

/** The audit log as the accounts module uses it: the actor is usually a principal. */
@Component
class UserAudit {

    private final AuditLog log;

    UserAudit(AuditLog log) {
        this.log = log;
    }

    void record(String type, @Nullable Principal actor, @Nullable String target, @Nullable String details) {
        log.record(type, actor == null ? null : actor.userId(), actor == null ? null : actor.username(), target,
                details);
    }

    void record(String type, @Nullable String actorId, @Nullable String actorName, @Nullable String target,
                @Nullable String details) {
        log.record(type, actorId, actorName, target, details);
    }

    List<AuditLog.Entry> list(@Nullable String type, @Nullable Instant before, int limit) {
        return log.list(type, before, limit);
    }
}
