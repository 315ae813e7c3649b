package dev.starkbot.platform.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import dev.starkbot.platform.IncomingMessage;
import dev.starkbot.platform.PairingRequested;
import dev.starkbot.platform.PlatformException;
import dev.starkbot.platform.PlatformsProperties;
import dev.starkbot.platform.internal.IdentityRepository.Identity;
import dev.starkbot.platform.internal.PairingRepository.Pairing;
import dev.starkbot.user.Principal;
import dev.starkbot.user.UserService;

/** Pairing: codes for unknown senders, which an admin approves (linking the sender to a user) or rejects. */
@Service
class PairingService implements DefaultPlatformAccess.Pairings {

    /**
     * Pending codes across the installation. Strangers choose how many accounts write to the bot, so without a bound
     * they could fill the table; past it, new strangers are ignored until codes are approved, rejected or expire.
     */
    static final int MAX_PENDING = 50;
    /** A stranger who keeps writing is told their code again after this long, not on every message. */
    static final Duration REMIND_AFTER = Duration.ofMinutes(10);
    /** The widths of the columns that hold platform ids. */
    static final int MAX_PLATFORM = 32;
    static final int MAX_ID = 255;

    private static final int CODE_ATTEMPTS = 5;

    private final PairingRepository pairings;
    private final IdentityRepository identities;
    private final UserService users;
    private final PlatformAudit audit;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transaction;
    private final PlatformsProperties properties;
    private final Clock clock;

    private final PairingNotices notices;

    PairingService(PairingRepository pairings, IdentityRepository identities, UserService users, PlatformAudit audit,
                   ApplicationEventPublisher events, TransactionTemplate transaction, PlatformsProperties properties,
                   PairingNotices notices, Clock clock) {
        this.notices = notices;
        this.pairings = pairings;
        this.identities = identities;
        this.users = users;
        this.audit = audit;
        this.events = events;
        this.transaction = transaction;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * The sender's pending code, or a new one: {@link AccessDecision.PairingRequired}, or
     * {@link AccessDecision.Refused} when too many codes are pending already.
     */
    @Override
    public AccessDecision request(IncomingMessage message) {
        if (message.platform().length() > MAX_PLATFORM || message.senderId().length() > MAX_ID
                || message.chatId().length() > MAX_ID) {
            return new AccessDecision.Refused("the sender's or chat's id is too long to pair");
        }
        Instant now = clock.instant();
        for (int attempt = 0; attempt < CODE_ATTEMPTS; attempt++) {
            Optional<Pairing> pending = pairings.pendingFor(message.platform(), message.senderId(), now.toEpochMilli());
            if (pending.isPresent()) {
                boolean remind = pairings.remind(pending.get().code(), now.toEpochMilli(),
                        now.minus(REMIND_AFTER).toEpochMilli());
                return new AccessDecision.PairingRequired(pending.get().code(), remind);
            }
            // Counted before inserting, so instances racing past the bound can exceed it by a few: a bound on the
            // table's size is all this is for.
            if (pairings.countPending(now.toEpochMilli()) >= MAX_PENDING) {
                return new AccessDecision.Refused("too many pairing codes are waiting for an admin");
            }
            pairings.deleteExpired(message.platform(), message.senderId(), now.toEpochMilli());
            Pairing pairing = new Pairing(AccessCodes.pairingCode(), message.platform(), message.senderId(),
                    SenderNames.clean(message.senderName(), message.senderId()), message.chatId(), now,
                    now.plus(properties.pairingCodeTtl()));
            // Refused when another instance gave this sender a code just now (found on the next round), or, once
            // in billions, when the random code is taken (a new one is drawn).
            if (pairings.insert(pairing)) {
                events.publishEvent(new PairingRequested(pairing.platform(), pairing.senderName(), pairing.code(),
                        pairing.expiresAt()));
                return new AccessDecision.PairingRequired(pairing.code(), true);
            }
        }
        throw new IllegalStateException("No pairing code could be stored in " + CODE_ATTEMPTS + " attempts");
    }

    List<Pairing> pending() {
        return pairings.pending(clock.millis());
    }

    /**
     * Links the code's sender to a user and removes the code.
     *
     * @param userId the user to link to, or null for a chat account of the sender's own: never the approving admin
     *               by default, since the admin cannot tell from a code whether its sender is really them (a person
     *               links their own chat account to their login with {@code /link})
     */
    Identity approve(Principal admin, String code, @Nullable String userId) {
        if (userId != null && users.activeRole(userId).isEmpty()) {
            throw PlatformException.invalid("userId", "is not an active user");
        }
        long now = clock.millis();
        Identity identity = transaction.execute(status -> {
            Pairing pairing = AccessCodes.pairing(code).flatMap(c -> pairings.pending(c, now))
                    .filter(p -> pairings.delete(p.code(), now))
                    .orElseThrow(() -> PlatformException.notFound("pairing code"));
            String target = userId != null ? userId : users.chatAccount(
                    IdentityService.chatUsername(pairing.platform(), pairing.senderId()), pairing.senderName());
            // the sender is told in the same transaction: approved and told, or neither
            notices.approved(pairing);
            return identities.link(pairing.platform(), pairing.senderId(), target, pairing.senderName(), now);
        });
        notices.wake();
        String target = identity.userId();
        audit.record("platform.pairing-approved", admin.userId(), admin.username(), identity.platform(),
                identity.platformUserId(), "user=" + target + " name=" + identity.displayName());
        return identity;
    }

    void reject(Principal admin, String code) {
        long now = clock.millis();
        Pairing pairing = AccessCodes.pairing(code).flatMap(c -> pairings.pending(c, now))
                .filter(p -> pairings.delete(p.code(), now))
                .orElseThrow(() -> PlatformException.notFound("pairing code"));
        audit.record("platform.pairing-rejected", admin.userId(), admin.username(), pairing.platform(),
                pairing.senderId(), "name=" + pairing.senderName());
    }
}
