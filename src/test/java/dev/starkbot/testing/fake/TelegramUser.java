package dev.starkbot.testing.fake;

import tools.jackson.databind.node.ObjectNode;

/**
 * A Telegram account that a test acts as, to write to the bot. In a private chat the chat's id is the user's id, as
 * on Telegram.
 *
 * @param lastName     null when the user has none
 * @param username     without the {@code @}; null when the user has none
 * @param languageCode the IETF tag the user's app reports, or null
 */
public record TelegramUser(long id, String firstName, String lastName, String username, String languageCode) {

    public TelegramUser {
        if (id <= 0) {
            throw new IllegalArgumentException("User ids are positive");
        }
    }

    public static TelegramUser of(long id, String firstName, String username) {
        return new TelegramUser(id, firstName, null, username, "en");
    }

    /** The Bot API's User object. */
    ObjectNode json() {
        ObjectNode user = WireJson.object().put("id", id).put("is_bot", false).put("first_name", firstName);
        putIfPresent(user, "last_name", lastName);
        putIfPresent(user, "username", username);
        putIfPresent(user, "language_code", languageCode);
        return user;
    }

    static void putIfPresent(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }
}
