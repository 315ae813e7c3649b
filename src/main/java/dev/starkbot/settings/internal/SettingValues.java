package dev.starkbot.settings.internal;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Locale;

import org.springframework.boot.convert.DurationStyle;

import dev.starkbot.settings.SettingDefinition;
import dev.starkbot.settings.SettingsException;

/** Validates and normalises a submitted value against its definition; errors never echo a secret. */
final class SettingValues {

    static final int MAX_LENGTH = 4000;
    /** Sealed and base64-encoded, even 1000 four-byte characters stay within the column's 8000. */
    static final int MAX_SECRET = 1000;

    private SettingValues() {
    }

    static String normalise(SettingDefinition definition, String raw) {
        String key = definition.key();
        if (raw.length() > MAX_LENGTH) {
            throw SettingsException.invalid(key, "longer than " + MAX_LENGTH + " characters");
        }
        String value = raw.strip();
        return switch (definition.type()) {
            case STRING -> value;
            case SECRET -> {
                if (value.length() > MAX_SECRET) {
                    throw SettingsException.invalid(key, "a secret may have at most " + MAX_SECRET + " characters");
                }
                if (value.isEmpty() || value.chars().anyMatch(Character::isISOControl)) {
                    throw SettingsException.invalid(key, "a secret must be non-empty text without control "
                            + "characters");
                }
                yield value;
            }
            case BOOLEAN -> switch (value.toLowerCase(Locale.ROOT)) {
                case "true", "false" -> value.toLowerCase(Locale.ROOT);
                default -> throw SettingsException.invalid(key, "expected true or false");
            };
            case INTEGER -> integer(definition, value);
            case CHOICE -> {
                if (!definition.choices().contains(value)) {
                    throw SettingsException.invalid(key, "expected one of " + definition.choices());
                }
                yield value;
            }
            case DURATION -> {
                try {
                    Duration duration = DurationStyle.detectAndParse(value);
                    if (duration.isNegative()) {
                        throw SettingsException.invalid(key, "a duration cannot be negative");
                    }
                    yield value;
                } catch (IllegalArgumentException e) {
                    throw SettingsException.invalid(key, "expected a duration such as 30s, 5m or PT1H");
                }
            }
            // Region ids only: a fixed offset such as +02:00 ignores daylight saving, which is never what a person
            // means by their time zone.
            case TIME_ZONE -> {
                if (!ZoneId.getAvailableZoneIds().contains(value)) {
                    throw SettingsException.invalid(key, "expected an IANA time zone such as Europe/Paris");
                }
                yield value;
            }
        };
    }

    private static String integer(SettingDefinition definition, String value) {
        long number;
        try {
            number = Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw SettingsException.invalid(definition.key(), "expected a whole number");
        }
        if (definition.min() != null && number < definition.min()
                || definition.max() != null && number > definition.max()) {
            throw SettingsException.invalid(definition.key(), "expected a number from " + definition.min() + " to "
                    + definition.max());
        }
        return Long.toString(number);
    }

    /** The last four characters of a secret, or fewer stars for a short one: enough to recognise, not to use. */
    static String hint(String secret) {
        return secret.length() <= 8 ? "*".repeat(Math.min(4, secret.length())) : secret.substring(secret.length() - 4);
    }
}
