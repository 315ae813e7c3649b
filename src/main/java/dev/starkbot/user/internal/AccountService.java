package dev.starkbot.user.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.IllformedLocaleException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import dev.starkbot.user.AccountException;
import dev.starkbot.user.AccountsProperties;
import dev.starkbot.user.Preferences;
import dev.starkbot.user.Principal;
import dev.starkbot.user.Role;
import dev.starkbot.user.UserService;

/** Accounts: creating them, checking passwords, and the changes users and admins make to them. */
@Service
class AccountService implements UserService {

    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

    static final Preferences DEFAULT_PREFERENCES = new Preferences("UTC", "en", null, null);

    private final UserRepository users;
    private final PasswordHasher hasher;
    private final LoginThrottle throttle;
    private final SessionService sessions;
    private final ApiKeyService apiKeys;
    private final UserAudit audit;
    private final TransactionTemplate transaction;
    private final AccountsProperties properties;
    private final Clock clock;

    AccountService(UserRepository users, PasswordHasher hasher, LoginThrottle throttle, SessionService sessions,
                   ApiKeyService apiKeys, UserAudit audit, TransactionTemplate transaction,
                   AccountsProperties properties, Clock clock) {
        this.users = users;
        this.hasher = hasher;
        this.throttle = throttle;
        this.sessions = sessions;
        this.apiKeys = apiKeys;
        this.audit = audit;
        this.transaction = transaction;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public Optional<Preferences> preferences(String userId) {
        return users.findById(userId).map(UserRow::preferences);
    }

    @Override
    public Optional<String> displayName(String userId) {
        return users.findById(userId).map(row -> row.displayName().isBlank() ? row.username() : row.displayName());
    }

    @Override
    public Optional<Role> activeRole(String userId) {
        return users.findById(userId).filter(UserRow::active).map(UserRow::role);
    }

    @Override
    public String chatAccount(String username, String displayName) {
        Optional<UserRow> existing = users.findByUsername(username);
        if (existing.isPresent()) {
            return existing.get().id();
        }
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        UserRow user = prepare(username, displayName, java.util.Base64.getEncoder().encodeToString(secret), Role.USER,
                UserRow.Status.ACTIVE);
        // two messages of a new person handled at once (two instances) race here: the unique username decides
        return users.insert(user) ? user.id() : users.findByUsername(username).orElseThrow().id();
    }

    @Override
    public Preferences updatePreferences(Principal me, Preferences preferences) {
        return updateOwn(me, null, preferences).preferences();
    }

    boolean hasUsers() {
        return users.count() > 0;
    }

    UserRow create(String username, String displayName, String password, Role role, UserRow.Status status) {
        return insert(prepare(username, displayName, password, role, status));
    }

    /** Validates and hashes, without touching the database, so that callers can keep the hashing out of locks. */
    UserRow prepare(String username, String displayName, String password, Role role, UserRow.Status status) {
        checkPassword(password, username);
        return new UserRow(UUID.randomUUID().toString(), username.strip(),
                displayName.isBlank() ? username.strip() : displayName.strip(), hasher.hash(password), role, status,
                DEFAULT_PREFERENCES, clock.millis(), null);
    }

    UserRow insert(UserRow user) {
        if (!users.insert(user)) {
            throw AccountException.conflict("username-taken", "That username is taken");
        }
        return user;
    }

    /**
     * Checks a login. Throttled names and addresses are refused before the password is even looked at, and every
     * failure (unknown user, wrong password, disabled or pending account) looks the same from outside.
     */
    UserRow authenticate(String username, String password, String address) {
        Optional<Duration> wait = throttle.blocked(username, address);
        if (wait.isPresent()) {
            audit.record("login.throttled", null, truncate(username), null, null);
            throw AccountException.loginThrottled(wait.get());
        }
        Optional<UserRow> found = users.findByUsername(username);
        boolean ok;
        if (found.isPresent()) {
            ok = hasher.matches(password, found.get().passwordHash()) && found.get().active();
        } else {
            hasher.burnTime(password);
            ok = false;
        }
        if (!ok) {
            throttle.failed(username, address);
            audit.record("login.failed", found.map(UserRow::id).orElse(null), truncate(username), null,
                    found.isPresent() && !found.get().active() ? "account " + found.get().status().name()
                            .toLowerCase(Locale.ROOT) : null);
            throw AccountException.invalidCredentials();
        }
        UserRow user = found.get();
        throttle.succeeded(username);
        long now = clock.millis();
        users.touchLogin(user.id(), now);
        audit.record("login.succeeded", user.id(), user.username(), null, null);
        return new UserRow(user.id(), user.username(), user.displayName(), user.passwordHash(), user.role(),
                user.status(), user.preferences(), user.createdAt(), now);
    }

    UserRow get(String id) {
        return users.findById(id).orElseThrow(() -> AccountException.notFound("user"));
    }

    List<UserRow> list(int limit, int offset) {
        return users.list(limit, offset);
    }

    UserRow updateOwn(Principal me, @Nullable String displayName, @Nullable Preferences changes) {
        UserRow user = get(me.userId());
        Preferences preferences = changes == null ? user.preferences() : validated(changes);
        String name = displayName == null || displayName.isBlank() ? user.displayName() : displayName.strip();
        users.updateProfile(user.id(), name, preferences);
        return get(user.id());
    }

    /**
     * Needs the current password, and wrong guesses count against the same throttle as logins: a stolen session
     * must not become an unthrottled password oracle.
     */
    void changePassword(Principal me, String current, String replacement, String address) {
        UserRow user = get(me.userId());
        Optional<Duration> wait = throttle.blocked(user.username(), address);
        if (wait.isPresent()) {
            throw AccountException.loginThrottled(wait.get());
        }
        if (!hasher.matches(current, user.passwordHash())) {
            throttle.failed(user.username(), address);
            audit.record("password.change-failed", me, user.id(), null);
            throw AccountException.invalid("wrong-password", "The current password is not correct");
        }
        checkPassword(replacement, user.username());
        users.updatePassword(user.id(), hasher.hash(replacement));
        // Whoever else holds a session may be the reason for the change: end them all but this one.
        sessions.revokeAll(user.id(), me.credentialId());
        audit.record("password.changed", me, user.id(), "other sessions revoked");
    }

    UserRow adminUpdate(Principal admin, String id, @Nullable Role role, UserRow.@Nullable Status status,
                        @Nullable String displayName) {
        UserRow updated = transaction.execute(tx -> {
            users.lockAdminChanges();
            UserRow user = get(id);
            Role newRole = role == null ? user.role() : role;
            UserRow.Status newStatus = status == null ? user.status() : status;
            boolean losesAdmin = user.role() == Role.ADMIN && user.active()
                    && (newRole != Role.ADMIN || newStatus != UserRow.Status.ACTIVE);
            if (losesAdmin && user.id().equals(admin.userId())) {
                throw AccountException.invalid("cannot-demote-self",
                        "You cannot demote or disable your own account; another admin can");
            }
            if (losesAdmin && users.activeAdminsOtherThan(user.id()) == 0) {
                throw AccountException.conflict("last-admin", "This is the last active admin");
            }
            users.updateAccess(user.id(), newRole, newStatus,
                    displayName == null || displayName.isBlank() ? user.displayName() : displayName.strip());
            return user;
        });
        return afterAdminUpdate(admin, updated, get(id));
    }

    private UserRow afterAdminUpdate(Principal admin, UserRow user, UserRow updated) {
        if (updated.role() != user.role()) {
            audit.record("user.role-changed", admin, user.id(), user.role().id() + " -> " + updated.role().id());
        }
        if (updated.status() != user.status()) {
            audit.record("user.status-changed", admin, user.id(), user.status().name().toLowerCase(Locale.ROOT)
                    + " -> " + updated.status().name().toLowerCase(Locale.ROOT));
            if (updated.status() != UserRow.Status.ACTIVE) {
                // A disabled account keeps nothing that works: re-enabling must not revive old credentials.
                sessions.revokeAll(user.id(), null);
                apiKeys.revokeAll(user.id());
            }
        }
        return updated;
    }

    void checkPassword(String password, String username) {
        if (password.length() < properties.minPasswordLength()) {
            throw AccountException.invalid("weak-password",
                    "The password must have at least " + properties.minPasswordLength() + " characters");
        }
        if (password.length() > 256) {
            throw AccountException.invalid("weak-password", "The password may have at most 256 characters");
        }
        if (password.equalsIgnoreCase(username.strip())) {
            throw AccountException.invalid("weak-password", "The password must differ from the username");
        }
    }

    private static Preferences validated(Preferences preferences) {
        if (!ZoneId.getAvailableZoneIds().contains(preferences.timeZone())) {
            throw AccountException.invalid("invalid-request",
                    "Unknown time zone '" + preferences.timeZone() + "'; use an IANA name such as Europe/Paris");
        }
        try {
            new Locale.Builder().setLanguageTag(preferences.locale());
        } catch (IllformedLocaleException e) {
            throw AccountException.invalid("invalid-request",
                    "Invalid locale '" + preferences.locale() + "'; use a language tag such as en-GB");
        }
        return preferences;
    }

    private static String truncate(String username) {
        String stripped = username.strip();
        return stripped.length() > 64 ? stripped.substring(0, 64) : stripped;
    }
}
