package dev.starkbot.platform.internal;

import java.util.Optional;

import dev.starkbot.platform.AccessPolicy;
import dev.starkbot.platform.IncomingMessage;

/** Who may talk to the bot: pairing codes, allow-lists and identities linked to StarkBot users. */
interface PlatformAccess {

    /**
     * Decides for one received message. Does not look at whether a group message is addressed to the bot (the
     * router does); does look at the sender and, for groups, at {@code policy.groups()}.
     */
    AccessDecision decide(IncomingMessage message, AccessPolicy policy);

    /**
     * {@code /link CODE} sent from a platform: links the sender to the StarkBot user who made the code in the
     * dashboard, whatever the access mode (a linked identity is always let in unless the mode is disabled).
     *
     * @return the linked user's display name, or empty when the code is unknown, used or expired
     */
    Optional<String> link(String platform, String senderId, String senderName, String code);

    /** The display name of the user a sender is linked to, if any. */
    Optional<String> linkedName(String platform, String senderId);
}
