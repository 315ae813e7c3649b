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
 * speaks as its user, if that user is active; anyone else is a guest on the installation owner's account when the
 * mode lets them in (open, or on the allow-list), gets a pairing code in a direct chat in pairing mode, and is
 * ignored otherwise. Groups never get pairing codes: a code posted there would be anyone's to read.
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
            case OPEN -> guest();
            case ALLOWLIST -> allowListed ? guest() : new AccessDecision.Refused("the sender is not on the allow-list");
            case PAIRING -> {
                if (allowListed) {
                    yield guest();
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

    /** A sender let in without a link talks on the owner's account, with no more than a user's rights. */
    private AccessDecision guest() {
        Optional<String> owner = users.installationOwner();
        Optional<Role> role = owner.flatMap(users::activeRole);
        if (owner.isEmpty() || role.isEmpty()) {
            return new AccessDecision.Refused("there is no active admin for guests to talk as");
        }
        return new AccessDecision.Allowed(owner.get(), Role.USER.min(role.get()), true);
    }
}
