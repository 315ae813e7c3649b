package dev.starkbot.platform.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Service;

import dev.starkbot.platform.PlatformException;
import dev.starkbot.platform.internal.IdentityRepository.Identity;
import dev.starkbot.user.Principal;
import dev.starkbot.user.Role;
import dev.starkbot.user.UserService;

/** Linked identities: the ones a user has, linking one with a link code, and unlinking. */
@Service
class IdentityService implements DefaultPlatformAccess.Identities {

    static final Duration LINK_CODE_TTL = Duration.ofMinutes(15);
    /** Live codes per user: enough for every platform at once, too few to make guessing one any easier. */
    static final int MAX_LINK_CODES = 5;

    /** A new link code: the only time it is seen, since only its hash is kept. */
    record LinkCode(String code, Instant expiresAt) {

        @Override
        public String toString() {
            return "LinkCode[code=[REDACTED], expiresAt=" + expiresAt + "]";
        }
    }

    private final IdentityRepository identities;
    private final LinkCodeRepository linkCodes;
    private final UserService users;
    private final PlatformAudit audit;
    private final Clock clock;

    IdentityService(IdentityRepository identities, LinkCodeRepository linkCodes, UserService users,
                    PlatformAudit audit, Clock clock) {
        this.identities = identities;
        this.linkCodes = linkCodes;
        this.users = users;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public Optional<String> userOf(String platform, String platformUserId) {
        return identities.userOf(platform, platformUserId);
    }

    List<Identity> identities(String userId) {
        return identities.ofUser(userId);
    }

    LinkCode createLinkCode(Principal me) {
        Instant now = clock.instant();
        // Counted before inserting: two requests at once may leave six; the bound is against piling up, not exact.
        if (linkCodes.countLive(me.userId(), now.toEpochMilli()) >= MAX_LINK_CODES) {
            throw PlatformException.tooManyLinkCodes(MAX_LINK_CODES);
        }
        String code = AccessCodes.linkCode();
        Instant expiresAt = now.plus(LINK_CODE_TTL);
        linkCodes.insert(AccessCodes.linkHash(code).orElseThrow(), me.userId(), now.toEpochMilli(),
                expiresAt.toEpochMilli());
        audit.record("platform.link-code-created", me.userId(), me.username(), null, null,
                "expires=" + expiresAt);
        return new LinkCode(code, expiresAt);
    }

    /**
     * Links the sender to the user who made the code, and uses the code up. A code of a user who has since been
     * disabled is used up without linking.
     *
     * @return the user's display name, or empty when the code is unknown, used, expired or the user inactive
     */
    @Override
    public Optional<String> link(String platform, String senderId, String senderName, String code) {
        if (platform.length() > PairingService.MAX_PLATFORM || senderId.length() > PairingService.MAX_ID) {
            return Optional.empty();
        }
        long now = clock.millis();
        Optional<String> userId = AccessCodes.linkHash(code).flatMap(hash -> linkCodes.consume(hash, now))
                .filter(id -> users.activeRole(id).isPresent());
        if (userId.isEmpty()) {
            return Optional.empty();
        }
        Identity identity = identities.link(platform, senderId, userId.get(),
                SenderNames.clean(senderName, senderId), now);
        audit.record("platform.identity-linked", userId.get(), null, platform, senderId,
                "with a link code; name=" + identity.displayName());
        return users.displayName(userId.get());
    }

    @Override
    public String provision(String platform, String senderId, String senderName) {
        String name = SenderNames.clean(senderName, senderId);
        String userId = users.chatAccount(chatUsername(platform, senderId), name);
        identities.link(platform, senderId, userId, name, clock.millis());
        audit.record("platform.identity-linked", userId, null, platform, senderId,
                "to a chat account of their own; name=" + name);
        return userId;
    }

    /**
     * The username of a chat-only account: the platform and the sender's id there, which are unique together. The
     * colon is a character registration and admins cannot use in a username, so nobody can make such an account in
     * advance and read what a person says to the bot.
     */
    static String chatUsername(String platform, String senderId) {
        return ChatKeys.accountName(platform + ":" + senderId);
    }

    /** Unlinks one of the caller's identities; an admin may unlink anyone's. */
    void unlink(Principal me, String platform, String platformUserId) {
        if (!identities.unlink(platform, platformUserId, me.can(Role.ADMIN) ? null : me.userId())) {
            throw PlatformException.notFound("linked identity");
        }
        audit.record("platform.identity-unlinked", me.userId(), me.username(), platform, platformUserId, null);
    }
}
