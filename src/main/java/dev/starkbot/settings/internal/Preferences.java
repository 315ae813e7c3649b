package dev.starkbot.settings.internal;

import java.util.Optional;

import org.jspecify.annotations.Nullable;

import dev.starkbot.user.UserService;

/**
 * The per-user settings that are the account's preferences: they are stored with the account (users table), not in
 * the settings table, and read and written through {@link UserService}.
 */
final class Preferences {

    static final String TIME_ZONE = "preferences.time-zone";
    static final String LOCALE = "preferences.locale";
    static final String DEFAULT_PERSONA = "preferences.default-persona";
    static final String DEFAULT_MODEL = "preferences.default-model";

    private Preferences() {
    }

    static boolean covers(String key) {
        return key.startsWith("preferences.");
    }

    static Optional<String> read(dev.starkbot.user.Preferences preferences, String key) {
        return Optional.ofNullable(switch (key) {
            case TIME_ZONE -> preferences.timeZone();
            case LOCALE -> preferences.locale();
            case DEFAULT_PERSONA -> preferences.defaultPersona();
            case DEFAULT_MODEL -> preferences.defaultModel();
            default -> null;
        });
    }

    static dev.starkbot.user.Preferences with(dev.starkbot.user.Preferences current, String key,
                                              @Nullable String value) {
        return switch (key) {
            case TIME_ZONE -> new dev.starkbot.user.Preferences(value == null ? "UTC" : value, current.locale(),
                    current.defaultPersona(), current.defaultModel());
            case LOCALE -> new dev.starkbot.user.Preferences(current.timeZone(), value == null ? "en" : value,
                    current.defaultPersona(), current.defaultModel());
            case DEFAULT_PERSONA -> new dev.starkbot.user.Preferences(current.timeZone(), current.locale(),
                    blankToNull(value), current.defaultModel());
            case DEFAULT_MODEL -> new dev.starkbot.user.Preferences(current.timeZone(), current.locale(),
                    current.defaultPersona(), blankToNull(value));
            default -> current;
        };
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
