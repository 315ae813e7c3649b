package dev.starkbot.user.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Opaque secrets handed to clients (session tokens, API keys, invite and setup codes): 256 random bits behind a
 * recognisable prefix, so that secret scanners and people can tell what a leaked string is. Only the SHA-256 of a
 * secret is stored; with 256 bits of entropy a fast hash is enough (there is nothing to brute-force), and lookups
 * by hash do not reveal the secret through timing.
 */
final class Tokens {

    static final String SESSION_PREFIX = "sbs_";
    static final String API_KEY_PREFIX = "sbk_";
    static final String INVITE_PREFIX = "sbi_";

    private static final SecureRandom RANDOM = new SecureRandom();

    private Tokens() {
    }

    static String generate(String prefix) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String hash(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JDK has SHA-256", e);
        }
    }

    /** A short human-typable code (for the setup code in the log): 10 characters from an unambiguous alphabet. */
    static String humanCode() {
        String alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        StringBuilder code = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            if (i == 4 || i == 8) {
                code.append('-');
            }
            code.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return code.toString();
    }
}
