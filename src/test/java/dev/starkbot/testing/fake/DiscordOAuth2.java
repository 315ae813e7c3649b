package dev.starkbot.testing.fake;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.node.ObjectNode;

/**
 * Discord's OAuth2 token endpoint, {@code POST /oauth2/token}, for the bot authorization flow with a code grant: the
 * owner picks a server on Discord ({@link FakeDiscordServer#ownerAuthorizes}), Discord sends their browser to the
 * redirect URI with a code, and the app exchanges the code. As Discord does (and RFC 6749 says): the body is
 * form-encoded only; the client authenticates with HTTP Basic or with {@code client_id} and {@code client_secret}
 * in the body; a code is single use, expires and is bound to the redirect URI it was issued for; errors are
 * {@code {"error", "error_description"}} with 400, or 401 {@code invalid_client}.
 */
final class DiscordOAuth2 {

    static final String DEFAULT_CLIENT_SECRET = "fAkEcLiEnTsEcReT-0123456789_abcdef";
    /** Discord's access tokens last a week. */
    private static final long EXPIRES_IN = 604_800;
    private static final Duration CODE_LIFETIME = Duration.ofMinutes(10);

    private record Grant(long guildId, String redirectUri, Instant expiresAt) {
    }

    private final DiscordWorld world;
    private final Map<String, Grant> codes = new ConcurrentHashMap<>();
    private volatile String clientSecret = DEFAULT_CLIENT_SECRET;

    DiscordOAuth2(DiscordWorld world) {
        this.world = world;
    }

    String clientSecret() {
        return clientSecret;
    }

    void clientSecret(String secret) {
        this.clientSecret = secret;
    }

    /** The code Discord puts in the redirect once the owner authorized the bot for a server of the world. */
    String authorize(long guildId, String redirectUri) {
        if (!world.guildIds().contains(guildId)) {
            throw new IllegalArgumentException("No guild " + guildId + ": add it with guild(...) first");
        }
        String code = WireJson.id("", 30);
        codes.put(code, new Grant(guildId, redirectUri, Instant.now().plus(CODE_LIFETIME)));
        return code;
    }

    /** Ages every code issued so far past its lifetime. */
    void expireCodes() {
        codes.replaceAll((code, grant) -> new Grant(grant.guildId(), grant.redirectUri(), Instant.EPOCH));
    }

    DiscordRestApi.Reply token(RecordedRequest request) {
        // Discord reads form bodies only; a JSON body has no grant_type it can see.
        Map<String, String> form = new LinkedHashMap<>();
        if (request.header("content-type").orElse("").startsWith("application/x-www-form-urlencoded")) {
            BotApiCall.decodeForm(request.body(), form);
        }
        if (!authenticated(request, form)) {
            return new DiscordRestApi.Reply(401, WireJson.write(WireJson.object().put("error", "invalid_client")));
        }
        if (!"authorization_code".equals(form.get("grant_type"))) {
            return error("unsupported_grant_type", "Unsupported grant type");
        }
        String code = form.get("code");
        if (code == null || code.isEmpty()) {
            return error("invalid_request", "Missing \"code\" in request.");
        }
        Grant grant = codes.remove(code);
        if (grant == null || grant.expiresAt().isBefore(Instant.now())) {
            return error("invalid_grant", "Invalid \"code\" in request.");
        }
        if (!grant.redirectUri().equals(form.get("redirect_uri"))) {
            return error("invalid_grant", "Invalid \"redirect_uri\" in request.");
        }
        ObjectNode json = WireJson.object().put("token_type", "Bearer").put("access_token", WireJson.id("", 30))
                .put("expires_in", EXPIRES_IN).put("refresh_token", WireJson.id("", 30))
                .put("scope", "bot applications.commands");
        json.set("guild", guild(grant.guildId()));
        return DiscordRestApi.Reply.json(json);
    }

    private boolean authenticated(RecordedRequest request, Map<String, String> form) {
        String id;
        String secret;
        String authorization = request.header("authorization").orElse("");
        if (authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()),
                        StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return false;
            }
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                return false;
            }
            id = URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8);
            secret = URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8);
        } else {
            id = form.get("client_id");
            secret = form.get("client_secret");
        }
        return Long.toString(world.applicationId()).equals(id) && clientSecret.equals(secret);
    }

    /** The guild object of the token answer: the guild itself, without what only GUILD_CREATE carries. */
    private ObjectNode guild(long guildId) {
        ObjectNode guild = world.guildCreates().stream().filter(g -> g.path("id").asLong() == guildId).findFirst()
                .orElseThrow();
        guild.remove(List.of("members", "channels", "threads", "presences", "voice_states",
                "stage_instances", "guild_scheduled_events", "soundboard_sounds", "large", "unavailable",
                "member_count", "joined_at"));
        return guild;
    }

    private static DiscordRestApi.Reply error(String error, String description) {
        return new DiscordRestApi.Reply(400, WireJson.write(WireJson.object().put("error", error)
                .put("error_description", description)));
    }
}
