package dev.starkbot.settings;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One runtime setting, declared as a bean by the module that reads it.
 *
 * @param key          dotted, lower-case name such as {@code ai.anthropic.api-key}
 * @param global       true for one value for the whole installation (admins change it), false for a value per user
 * @param type         how the value is validated and shown
 * @param defaultValue the value while none is set; never set for secrets
 * @param choices      the allowed values of a {@link SettingType#CHOICE}
 * @param min          smallest allowed {@link SettingType#INTEGER}
 * @param max          largest allowed {@link SettingType#INTEGER}
 */
public record SettingDefinition(String key, boolean global, SettingType type, @Nullable String defaultValue,
                                String description, List<String> choices, @Nullable Long min, @Nullable Long max) {

    public SettingDefinition {
        if (!key.matches("[a-z][a-z0-9-]*(\\.[a-z][a-z0-9-]*)+")) {
            throw new IllegalArgumentException("Setting keys are dotted lower-case names: " + key);
        }
        if (type == SettingType.SECRET && defaultValue != null) {
            throw new IllegalArgumentException("A secret has no default: " + key);
        }
        choices = List.copyOf(choices);
    }

    public static SettingDefinition secret(String key, String description) {
        return new SettingDefinition(key, true, SettingType.SECRET, null, description, List.of(), null, null);
    }

    public static SettingDefinition choice(String key, boolean global, String defaultValue, String description,
                                           String... choices) {
        return new SettingDefinition(key, global, SettingType.CHOICE, defaultValue, description, List.of(choices),
                null, null);
    }

    public static SettingDefinition integer(String key, boolean global, long defaultValue, long min, long max,
                                            String description) {
        return new SettingDefinition(key, global, SettingType.INTEGER, Long.toString(defaultValue), description,
                List.of(), min, max);
    }

    public static SettingDefinition of(String key, boolean global, SettingType type, @Nullable String defaultValue,
                                       String description) {
        return new SettingDefinition(key, global, type, defaultValue, description, List.of(), null, null);
    }
}
