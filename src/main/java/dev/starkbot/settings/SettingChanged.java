package dev.starkbot.settings;

import org.jspecify.annotations.Nullable;

/**
 * A setting was set or reset. It carries no value, so that a secret never travels in an event; listeners read the
 * new value from {@link SettingsService}.
 *
 * @param userId the owner of a per-user setting; null for a global one
 * @param actorId who changed it
 */
public record SettingChanged(String key, @Nullable String userId, String actorId) {
}
