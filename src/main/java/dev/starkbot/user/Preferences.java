package dev.starkbot.user;

import org.jspecify.annotations.Nullable;

/**
 * A user's own settings, which other modules read: schedules fire in {@code timeZone}, chats start with
 * {@code defaultPersona} and {@code defaultModel} when set.
 *
 * @param timeZone an IANA zone id such as {@code Europe/Paris}
 * @param locale   a BCP 47 language tag such as {@code en-GB}
 */
public record Preferences(String timeZone, String locale, @Nullable String defaultPersona,
                          @Nullable String defaultModel) {
}
