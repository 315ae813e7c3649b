package dev.starkbot.user.internal;

import java.util.Locale;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import dev.starkbot.user.AccountException;
import dev.starkbot.user.AccountsProperties;
import dev.starkbot.user.Role;

/** Self-service registration, by invite (the default), open, or open pending an admin's approval. */
@Component
class RegistrationService {

    private final AccountService accounts;
    private final InviteService invites;
    private final AccountsProperties properties;
    private final UserAudit audit;
    private final TransactionTemplate transaction;

    RegistrationService(AccountService accounts, InviteService invites, AccountsProperties properties,
                        UserAudit audit, TransactionTemplate transaction) {
        this.accounts = accounts;
        this.invites = invites;
        this.properties = properties;
        this.audit = audit;
        this.transaction = transaction;
    }

    UserRow register(String username, String displayName, String password, @Nullable String inviteCode) {
        // Cheap refusals first: an anonymous caller must not be able to make the server run Argon2 for nothing.
        if (properties.registration() == AccountsProperties.Registration.INVITE_ONLY
                && (inviteCode == null || inviteCode.isBlank() || !invites.usable(inviteCode.strip()))) {
            throw inviteCode == null || inviteCode.isBlank()
                    ? AccountException.invalid("invite-required",
                            "Registration is by invitation: ask an admin for an invite code")
                    : AccountException.invalid("invalid-invite",
                            "The invite code is not valid, already used or expired");
        }
        // Hash outside the transaction: Argon2 takes tens of milliseconds, too long to hold SQLite's write lock.
        UserRow prepared = accounts.prepare(username, displayName, password, Role.USER, UserRow.Status.ACTIVE);
        UserRow user = switch (properties.registration()) {
            case INVITE_ONLY -> {
                if (inviteCode == null || inviteCode.isBlank()) {
                    throw AccountException.invalid("invite-required",
                            "Registration is by invitation: ask an admin for an invite code");
                }
                yield transaction.execute(status -> {
                    Role role = invites.claim(inviteCode.strip(), prepared.username());
                    UserRow created = accounts.insert(prepared.withRole(role));
                    invites.markUsedBy(inviteCode.strip(), created.id());
                    return created;
                });
            }
            case OPEN -> accounts.insert(prepared);
            case APPROVAL -> accounts.insert(prepared.withStatus(UserRow.Status.PENDING));
        };
        audit.record("user.registered", user.id(), user.username(), user.id(),
                "role=" + user.role().id() + " status=" + user.status().name().toLowerCase(Locale.ROOT));
        return user;
    }
}
