package dev.starkbot.platform.internal;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import dev.starkbot.audit.AuditLog;

/** The audit log as access to the platforms uses it: the target, when there is one, is a platform account. */
@Component
class PlatformAudit {

    /** The width of the audit log's target column. */
    private static final int MAX_TARGET = 200;

    private final AuditLog log;

    PlatformAudit(AuditLog log) {
        this.log = log;
    }

    void record(String type, @Nullable String actorId, @Nullable String actorName, @Nullable String platform,
                @Nullable String platformUserId, @Nullable String details) {
        String target = platform == null ? null : platform + ":" + platformUserId;
        log.record(type, actorId, actorName,
                target == null || target.length() <= MAX_TARGET ? target : target.substring(0, MAX_TARGET), details);
    }
}
