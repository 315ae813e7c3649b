package dev.starkbot.settings;

import java.util.Optional;

/** How modules read the current value of their settings; values are already validated and, for secrets, opened. */
public interface SettingsService {

    /** The global value, or the default, or empty when neither exists. */
    Optional<String> global(String key);

    /** A user's own value, or the default. */
    Optional<String> forUser(String userId, String key);
}
