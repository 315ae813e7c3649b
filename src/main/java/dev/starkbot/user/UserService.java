package dev.starkbot.user;

import java.util.Optional;

/** What other modules may ask of the accounts module. */
public interface UserService {

    /** The user's preferences, or empty if no such (active or disabled) user exists. */
    Optional<Preferences> preferences(String userId);

    /** The name to address the user by (display name, else username), or empty if no such user exists. */
    Optional<String> displayName(String userId);

    /**
     * The role of an active account, for work done on a user's behalf while they are not there (a scheduled task):
     * empty when the account is disabled, waiting for approval or gone, which must stop that work.
     */
    Optional<Role> activeRole(String userId);

    /**
     * The account of someone who reaches StarkBot only through a chat platform, or of a group chat: found by its
     * username, made on first use with the user role and a random password nobody knows (it cannot sign in until an
     * admin sets one). Each such person or group has their own conversations, memory and budget, and sees nobody
     * else's; admins see, limit and disable these accounts like any other.
     *
     * @return the account's id, whatever its status (callers check {@link #activeRole})
     */
    String chatAccount(String username, String displayName);

    /** Replaces the caller's own preferences, validated as {@code PATCH /api/me} validates them. */
    Preferences updatePreferences(Principal me, Preferences preferences);
}
