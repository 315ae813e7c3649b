package dev.starkbot.user.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

import dev.starkbot.user.AccountException;
import dev.starkbot.user.AccountsProperties;
import dev.starkbot.user.BootstrapAdminProperties;
import dev.starkbot.user.Role;

/**
 * Creates the first admin. With {@code STARKBOT_ADMIN_USERNAME} and {@code STARKBOT_ADMIN_PASSWORD} set, at the
 * first start; otherwise the log shows a one-time setup code, valid for {@code setupCodeValidity}, that
 * {@code POST /api/setup} (or the setup page) exchanges for the admin account. The code is held in memory only,
 * as a hash; an expired code is replaced by a fresh one in the log on the next attempt.
 */
@Component
class SetupService implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(SetupService.class);

    private final AccountService accounts;
    private final BootstrapAdminProperties bootstrap;
    private final AccountsProperties properties;
    private final UserAudit audit;
    private final Clock clock;
    private @Nullable String codeHash;
    private long codeExpiresAt;

    SetupService(AccountService accounts, BootstrapAdminProperties bootstrap, AccountsProperties properties,
                 UserAudit audit, Clock clock) {
        this.accounts = accounts;
        this.bootstrap = bootstrap;
        this.properties = properties;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (accounts.hasUsers()) {
            return;
        }
        String username = bootstrap.username();
        if (username != null && !username.isBlank() && bootstrap.password() != null) {
            if (!username.strip().matches("[A-Za-z0-9._-]{3,64}")) {
                throw new IllegalStateException("STARKBOT_ADMIN_USERNAME must be 3 to 64 letters, digits, dots, "
                        + "dashes or underscores");
            }
            try {
                UserRow admin = accounts.create(username, username, bootstrap.password().reveal(), Role.ADMIN,
                        UserRow.Status.ACTIVE);
                audit.record("setup.completed", admin.id(), admin.username(), admin.id(), "from environment");
                log.info("Created the first admin '{}' from STARKBOT_ADMIN_USERNAME and STARKBOT_ADMIN_PASSWORD",
                        admin.username());
                return;
            } catch (AccountException e) {
                // Another instance sharing the database may have created it a moment ago.
                if (accounts.hasUsers()) {
                    return;
                }
                throw new IllegalStateException("Cannot create the first admin from the environment: "
                        + e.getMessage(), e);
            }
        }
        issueCode();
    }

    synchronized boolean required() {
        return !accounts.hasUsers();
    }

    synchronized UserRow complete(String code, String username, String displayName, String password) {
        if (accounts.hasUsers()) {
            throw AccountException.conflict("already-set-up", "StarkBot is already set up; sign in instead");
        }
        if (codeHash == null || clock.millis() >= codeExpiresAt) {
            issueCode();
            throw AccountException.invalid("setup-code-expired",
                    "The setup code has expired; a new one has been written to the server log");
        }
        byte[] presented = Tokens.hash(code.strip().toUpperCase(Locale.ROOT))
                .getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(presented, codeHash.getBytes(StandardCharsets.US_ASCII))) {
            audit.record("setup.failed", null, null, null, "wrong setup code");
            throw AccountException.invalid("invalid-setup-code", "The setup code is not correct");
        }
        UserRow admin = accounts.create(username, displayName, password, Role.ADMIN, UserRow.Status.ACTIVE);
        codeHash = null;
        audit.record("setup.completed", admin.id(), admin.username(), admin.id(), "with setup code");
        log.info("Setup complete: '{}' is the first admin", admin.username());
        return admin;
    }

    private void issueCode() {
        String code = Tokens.humanCode();
        codeHash = Tokens.hash(code);
        codeExpiresAt = clock.millis() + properties.setupCodeValidity().toMillis();
        // The one place a secret goes to the log, by design: whoever can read the server's log owns the server.
        log.warn("""

                ==============================================================
                  StarkBot has no users yet. To create the first admin, open
                  the setup page or POST /api/setup with this one-time code:

                      {}

                  It is valid until {} (UTC).
                  Or set STARKBOT_ADMIN_USERNAME and STARKBOT_ADMIN_PASSWORD.
                ==============================================================""",
                code, Instant.ofEpochMilli(codeExpiresAt));
    }
}
