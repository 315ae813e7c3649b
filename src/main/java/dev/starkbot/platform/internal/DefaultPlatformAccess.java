package dev.starkbot.platform.internal;

import java.util.Optional;

import org.springframework.stereotype.Component;

import dev.starkbot.platform.AccessPolicy;
import dev.starkbot.platform.ChatKind;
import dev.starkbot.platform.IncomingMessage;
import dev.starkbot.user.Role;
import dev.starkbot.user.UserService;

/**
 * Decides in this order: a disabled platform or a group where groups are off refuses everyone; a linked identity
 * speaks as its user, if that user is active; anyone else gets a chat account of their own when the mode lets them
 * in (open, or on the allow-list), gets a pairing code in a direct chat in pairing mode, and is ignored otherwise. Groups never get pairing codes: a code posted there would be anyone's to read.
 */
@Component
class DefaultPlatformAccess implements PlatformAccess {

    /**
     * Linked identities as this class needs them ({@link IdentityService}). This and {@link Pairings} let the
     * rules be tested against any state without a database.
     */
    interface Identities {

        Optional<String> userOf(String platform, String platformUserId);

        Optional<String> link(String platform, String senderId, String senderName, String code);

        /** Links the sender to a chat account of their own, made for them; returns its id. */
        String provision(String platform, String senderId, String senderName);
    }

    /** Pairing codes as this class needs them ({@link PairingService}). */
    interface Pairings {

        /** The sender's code ({@link AccessDecision.PairingRequired}), or why they get none. */
        AccessDecision request(IncomingMessage message);
    }

    private final Identities identities;
    private final Pairings pairings;
    private final UserService users;

    DefaultPlatformAccess(Identities identities, Pairings pairings, UserService users) {
        this.identities = identities;
        this.pairings = pairings;
        this.users = users;
    }

    @Override
    public AccessDecision decide(IncomingMessage message, AccessPolicy policy) {
        if (policy.mode() == AccessPolicy.Mode.DISABLED) {
            return new AccessDecision.Refused("access to this platform is disabled");
        }
        boolean group = message.chatKind() == ChatKind.GROUP;
        if (group && policy.groups() == AccessPolicy.Groups.OFF) {
            return new AccessDecision.Refused("the bot does not answer in groups on this platform");
        }
        Optional<String> linked = identities.userOf(message.platform(), message.senderId());
        if (linked.isPresent()) {
            return users.activeRole(linked.get())
                    .<AccessDecision>map(role -> new AccessDecision.Allowed(linked.get(), role, false))
                    .orElseGet(() -> new AccessDecision.Refused("the sender's user is not active"));
        }
        boolean allowListed = policy.allow().contains(message.senderId());
        return switch (policy.mode()) {
            case OPEN -> guest(message);
            case ALLOWLIST -> allowListed ? guest(message)
                    : new AccessDecision.Refused("the sender is not on the allow-list");
            case PAIRING -> {
                if (allowListed) {
                    yield guest(message);
                }
                yield group ? new AccessDecision.Refused("an unknown sender in a group") : pairings.request(message);
            }
            case DISABLED -> new AccessDecision.Refused("access to this platform is disabled");
        };
    }

    @Override
    public Optional<String> link(String platform, String senderId, String senderName, String code) {
        return identities.link(platform, senderId, senderName, code);
    }

    @Override
    public Optional<String> linkedName(String platform, String senderId) {
        return identities.userOf(platform, senderId).flatMap(users::displayName);
    }

    /**
     * A sender let in without a link gets a chat account of their own (and is linked to it), never the owner's:
     * the model's tools and commands then reach only that person's own conversations and memory.
     */
    private AccessDecision guest(IncomingMessage message) {
        String userId = identities.provision(message.platform(), message.senderId(), message.senderName());
        return users.activeRole(userId)
                .<AccessDecision>map(role -> new AccessDecision.Allowed(userId, Role.USER.min(role), true))
                .orElseGet(() -> new AccessDecision.Refused("the sender's account is disabled"));
    }
}
