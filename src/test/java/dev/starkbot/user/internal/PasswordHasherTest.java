package dev.starkbot.user.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {

    private final PasswordHasher hasher = new PasswordHasher();

    @Test
    void dummyHashCostsWhatARealHashCosts() {
        // A verification's cost comes from the parameters written in the hash, so equal parameters mean equal time.
        String real = hasher.hash("a password");
        assertThat(parameters(PasswordHasher.DUMMY_HASH)).isEqualTo(parameters(real));
        assertThat(hasher.matches("no user has this password, it only costs time", PasswordHasher.DUMMY_HASH))
                .isTrue();
    }

    private static String parameters(String hash) {
        return hash.substring(0, hash.lastIndexOf('$', hash.lastIndexOf('$') - 1));
    }
}
