package dev.starkbot.platform;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who may talk to the bot on one platform, and how it behaves in groups.
 *
 * @param mode               {@code pairing}: an unknown sender of a direct message gets a short code that the owner
 *                           approves (dashboard or API), which links them to a StarkBot user; {@code allowlist}: only
 *                           linked identities and the ids in {@code allow}; {@code open}: anyone; {@code disabled}:
 *                           nobody, the platform stays connected but silent
 * @param allow              platform user ids allowed without pairing (in {@code allowlist} and {@code pairing} mode)
 * @param groups             {@code mention}: in a group the bot answers only when mentioned or replied to; {@code
 *                           all}: every message; {@code off}: never in groups
 * @param groupConversations {@code shared}: one conversation per group (and thread); {@code per-sender}: each
 *                           person in a group has their own conversation there
 */
public record AccessPolicy(@DefaultValue("pairing") Mode mode, @Nullable List<String> allow,
                           @DefaultValue("mention") Groups groups,
                           @DefaultValue("shared") GroupConversations groupConversations) {

    public AccessPolicy {
        allow = allow == null ? List.of() : List.copyOf(allow);
    }

    public static AccessPolicy defaults() {
        return new AccessPolicy(Mode.PAIRING, List.of(), Groups.MENTION, GroupConversations.SHARED);
    }

    public enum Mode {
        PAIRING,
        ALLOWLIST,
        OPEN,
        DISABLED
    }

    public enum Groups {
        MENTION,
        ALL,
        OFF
    }

    public enum GroupConversations {
        SHARED,
        PER_SENDER
    }
}
