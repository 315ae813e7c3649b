package dev.starkbot.testing.fake;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One REST route of the fake, named as Discord's documentation and OpenAPI name it, e.g.
 * {@code POST /channels/{channel_id}/messages}: the key of {@link FakeDiscordServer#failNext} and of the per-route
 * rate limit buckets.
 *
 * @param interaction routes answered with the interaction token instead of the bot token (no Authorization)
 */
record DiscordRoute(String method, String template, boolean interaction) {

    static final DiscordRoute LIST_MESSAGES = new DiscordRoute("GET", "/channels/{channel_id}/messages", false);

    /** The routes an adapter reads to catch up on what it missed while down. */
    static final List<DiscordRoute> READS = List.of(LIST_MESSAGES);

    static final DiscordRoute GATEWAY_BOT = new DiscordRoute("GET", "/gateway/bot", false);
    static final DiscordRoute GET_SELF = new DiscordRoute("GET", "/users/@me", false);
    static final DiscordRoute GET_APPLICATION = new DiscordRoute("GET", "/applications/@me", false);
    static final DiscordRoute OPEN_DM = new DiscordRoute("POST", "/users/@me/channels", false);
    static final DiscordRoute CREATE_MESSAGE = new DiscordRoute("POST", "/channels/{channel_id}/messages", false);
    static final DiscordRoute EDIT_MESSAGE =
            new DiscordRoute("PATCH", "/channels/{channel_id}/messages/{message_id}", false);
    static final DiscordRoute TYPING = new DiscordRoute("POST", "/channels/{channel_id}/typing", false);
    static final DiscordRoute ADD_REACTION =
            new DiscordRoute("PUT", "/channels/{channel_id}/messages/{message_id}/reactions/{emoji_name}/@me", false);
    static final DiscordRoute SET_COMMANDS = new DiscordRoute("PUT", "/applications/{application_id}/commands", false);
    static final DiscordRoute SET_GUILD_COMMANDS =
            new DiscordRoute("PUT", "/applications/{application_id}/guilds/{guild_id}/commands", false);
    static final DiscordRoute INTERACTION_CALLBACK =
            new DiscordRoute("POST", "/interactions/{interaction_id}/{interaction_token}/callback", true);
    static final DiscordRoute EDIT_ORIGINAL =
            new DiscordRoute("PATCH", "/webhooks/{application_id}/{interaction_token}/messages/{message_id}", true);
    static final DiscordRoute DELETE_ORIGINAL =
            new DiscordRoute("DELETE", "/webhooks/{application_id}/{interaction_token}/messages/{message_id}", true);
    static final DiscordRoute FOLLOWUP = new DiscordRoute("POST", "/webhooks/{application_id}/{interaction_token}", true);
    /** Authenticated by the OAuth2 client's credentials (see {@link DiscordOAuth2}), not by the bot token. */
    static final DiscordRoute OAUTH2_TOKEN = new DiscordRoute("POST", "/oauth2/token", false);

    static final List<DiscordRoute> ALL = List.of(GATEWAY_BOT, GET_SELF, GET_APPLICATION, OPEN_DM, CREATE_MESSAGE,
            EDIT_MESSAGE, TYPING, ADD_REACTION, SET_COMMANDS, SET_GUILD_COMMANDS, INTERACTION_CALLBACK,
            EDIT_ORIGINAL, DELETE_ORIGINAL, FOLLOWUP, OAUTH2_TOKEN);

    /** {@code "POST /channels/{channel_id}/messages"}. */
    String key() {
        return method + " " + template;
    }

    /** The path's parameters in order, when the request is for this route. */
    Optional<List<String>> match(String requestMethod, String path) {
        if (!method.equals(requestMethod)) {
            return Optional.empty();
        }
        String regex = Pattern.quote(template).replaceAll("\\{[a-z_]+}", "\\\\E([^/]+)\\\\Q");
        Matcher matcher = Pattern.compile(regex).matcher(path);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        List<String> parameters = new ArrayList<>();
        for (int i = 1; i <= matcher.groupCount(); i++) {
            parameters.add(java.net.URLDecoder.decode(matcher.group(i), java.nio.charset.StandardCharsets.UTF_8));
        }
        return Optional.of(parameters);
    }

    /** Every route the fake serves: {@link #ALL} and {@link #READS}. */
    static List<DiscordRoute> known() {
        return java.util.stream.Stream.concat(ALL.stream(), READS.stream()).toList();
    }
}
