package dev.starkbot.user.internal;

import java.util.UUID;


import dev.starkbot.user.Principal.CredentialKind;
import dev.starkbot.user.Role;

/**
 * Creates users and signs them in through the real services, for tests whose subject is something else. Tests of
 * logging in itself go through HTTP.
 */
class AccountFixtures {

    static final String PASSWORD = "a long enough password";

    record SignedIn(UserRow user, String token) {

        String[] bearer() {
            return new String[] {"Authorization", "Bearer " + token};
        }
    }

    private final AccountService accounts;
    private final SessionService sessions;

    AccountFixtures(AccountService accounts, SessionService sessions) {
        this.accounts = accounts;
        this.sessions = sessions;
    }

    UserRow user(Role role) {
        String name = role.id() + "-" + UUID.randomUUID().toString().substring(0, 8);
        return accounts.create(name, name, PASSWORD, role, UserRow.Status.ACTIVE);
    }

    SignedIn signedIn(Role role) {
        UserRow user = user(role);
        return new SignedIn(user, session(user));
    }

    String session(UserRow user) {
        return sessions.create(user, CredentialKind.SESSION_BEARER, "127.0.0.1", "tests").token();
    }
}
