package dev.starkbot.user.internal;

import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Argon2id with OWASP's recommended minimum (19 MiB, 2 iterations, 1 lane). A login for a username that does not
 * exist still verifies against a dummy hash, so that the answer takes as long either way and timing does not tell
 * which usernames exist.
 */
@Component
class PasswordHasher {

    private final Argon2PasswordEncoder encoder = new Argon2PasswordEncoder(16, 32, 1, 19 * 1024, 2);
    private final String dummyHash = encoder.encode("no user has this password, it only costs time");

    String hash(String password) {
        return encoder.encode(password);
    }

    boolean matches(String password, String hash) {
        return encoder.matches(password, hash);
    }

    void burnTime(String password) {
        encoder.matches(password, dummyHash);
    }
}
