package dev.starkbot.user.internal;

import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Argon2id with OWASP's recommended minimum (19 MiB, 2 iterations, 1 lane). A login for a username that does not
 * exist still verifies against a dummy hash, so that the answer takes as long either way and timing does not tell
 * which usernames exist.
 *
 * <p>The dummy hash is a constant made once with this encoder's parameters, which a verification reads from the hash
 * itself: computing it at construction cost about half a second of start-up CPU (Argon2 fills 19 MiB, still
 * interpreted that early) for no gain, since its salt protects nothing.
 */
@Component
class PasswordHasher {

    private final Argon2PasswordEncoder encoder = new Argon2PasswordEncoder(16, 32, 1, 19 * 1024, 2);
    /** {@code encode("no user has this password, it only costs time")} with the parameters above. */
    static final String DUMMY_HASH =
            "$argon2id$v=19$m=19456,t=2,p=1$mBg36FBq/2NJJXz6wdq3GQ$X4Hf3zuZVjwdSavjMg310Z1Mj+w37LwWQJKU66cUe8Y";

    String hash(String password) {
        return encoder.encode(password);
    }

    boolean matches(String password, String hash) {
        return encoder.matches(password, hash);
    }

    void burnTime(String password) {
        encoder.matches(password, DUMMY_HASH);
    }
}
