package dev.starkbot.platform.internal;

import dev.starkbot.user.Role;

/** Whether the bot answers a message, and as whom. */
sealed interface AccessDecision {

    /**
     * Answer it.
     *
     * @param userId the StarkBot user the sender is linked to; a sender let in without a link ({@code open} mode, or
     *               an id on the allow-list) is first given a chat account of their own and linked to it
     * @param role   the most a command from this sender may do: the linked user's role, {@link Role#USER} at most
     *               for a guest
     * @param guest  true when the sender came in without a link (their chat account was just made or found)
     */
    record Allowed(String userId, Role role, boolean guest) implements AccessDecision {
    }

    /**
     * An unknown sender in {@code pairing} mode: reply with the code (only when {@code remind}, so that a stranger
     * sending many messages gets the code once, not once per message).
     */
    record PairingRequired(String code, boolean remind) implements AccessDecision {
    }

    /** Ignore it, silently: a stranger in {@code allowlist} mode, a group the bot is not addressed in, ... */
    record Refused(String reason) implements AccessDecision {
    }
}
