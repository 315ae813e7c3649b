package dev.starkbot.testing.fake;

/**
 * A Discord account as {@link FakeDiscordServer} shows it: a user writing to the bot, or the bot itself.
 *
 * @param id       the user's snowflake
 * @param username the unique lower-case handle (Discord dropped discriminators in 2023; they read {@code "0"})
 */
public record DiscordUser(long id, String username, boolean bot) {

    public static DiscordUser human(long id, String username) {
        return new DiscordUser(id, username, false);
    }

    /** The mention syntax Discord's clients put in a message's content: {@code <@id>}. */
    public String mention() {
        return "<@" + id + ">";
    }
}
