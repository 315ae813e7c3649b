package dev.starkbot.platform.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The codes people read and type: pairing codes (a stranger reads theirs to an admin) and link codes (a user copies
 * one from the dashboard into {@code /link CODE}). Both use an alphabet without 0/O, 1/I/L, so that a code read
 * aloud or typed from a phone screen comes out right, and both are read back case-insensitively.
 */
final class AccessCodes {

    static final String ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
    static final int PAIRING_LENGTH = 8;
    /** 12 characters, about 59 bits: far beyond what guessing over a chat platform's message rate can reach. */
    static final int LINK_LENGTH = 12;

    private static final Pattern PAIRING = Pattern.compile("[" + ALPHABET + "]{" + PAIRING_LENGTH + "}");
    private static final Pattern LINK = Pattern.compile("[" + ALPHABET + "]{" + LINK_LENGTH + "}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private AccessCodes() {
    }

    static String pairingCode() {
        return random(PAIRING_LENGTH);
    }

    /** Shown in groups of four ({@code ABCD-EFGH-JKMN}); the dashes are optional when typed. */
    static String linkCode() {
        String code = random(LINK_LENGTH);
        return code.substring(0, 4) + "-" + code.substring(4, 8) + "-" + code.substring(8);
    }

    /** A pairing code as typed, in its stored form; empty when it cannot be one. */
    static Optional<String> pairing(String typed) {
        String code = normalise(typed);
        return PAIRING.matcher(code).matches() ? Optional.of(code) : Optional.empty();
    }

    /** The stored hash of a link code as typed; empty when it cannot be one. */
    static Optional<String> linkHash(String typed) {
        String code = normalise(typed);
        return LINK.matcher(code).matches() ? Optional.of(sha256(code)) : Optional.empty();
    }

    private static String normalise(String typed) {
        return typed.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
    }

    private static String random(int length) {
        StringBuilder code = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            code.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return code.toString();
    }

    private static String sha256(String code) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(code.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JDK has SHA-256", e);
        }
    }
}
