package dev.starkbot.platform.discord.internal;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import dev.starkbot.platform.PlatformException;
import dev.starkbot.platform.discord.DiscordProperties;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The two calls of the install link that are not the bot's own (JDA makes those): the application's id from the
 * bot token, and the OAuth2 code exchange. The JDK client, with timeouts, because neither needs JDA's session.
 * Nothing of an answer's tokens is kept, and neither the code nor any token is ever logged.
 */
@Component
class DiscordOAuth2Client {

    private static final Logger log = LoggerFactory.getLogger(DiscordOAuth2Client.class);

    /** How the code exchange ended. */
    sealed interface Exchange {

        /** Discord issued a token; {@code guild} is the server the bot was added to, when the answer named one. */
        record Granted(@Nullable String guildId, @Nullable String guildName) implements Exchange {
        }

        /** Discord refused the request (4xx): {@code error} is its OAuth2 error code, such as invalid_grant. */
        record Refused(int status, String error, String description) implements Exchange {
        }

        /** Discord could not be reached or answered with a server error or something unreadable. */
        record Failed(String reason) implements Exchange {
        }
    }

    /** The application id found with a token, kept per token (by its hash) so that a new token looks again. */
    private record KnownId(String tokenHash, String applicationId) {
    }

    private final DiscordProperties properties;
    private final JsonMapper json;
    private final HttpClient http;
    private final AtomicReference<@Nullable KnownId> known = new AtomicReference<>();

    DiscordOAuth2Client(DiscordProperties properties, JsonMapper json) {
        this.properties = properties;
        this.json = json;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** {@code GET /applications/@me} with the bot token; its {@code id} is the install link's client id. */
    String applicationId(String botToken) {
        String tokenHash = sha256(botToken);
        KnownId cached = known.get();
        if (cached != null && cached.tokenHash().equals(tokenHash)) {
            return cached.applicationId();
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(properties.apiUrl() + "applications/@me"))
                .timeout(properties.requestTimeout()).header("Authorization", "Bot " + botToken)
                .header("Accept", "application/json").GET().build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            log.warn("Discord could not be reached for the application's id: {}", e.toString());
            throw PlatformException.unavailable("Discord could not be reached to find the application's id; try "
                    + "again, or set starkbot.platforms.discord.application-id");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw PlatformException.unavailable("Interrupted while asking Discord for the application's id");
        }
        if (response.statusCode() == 401) {
            throw PlatformException.notConfigured("Discord refused the bot token (401): set a valid "
                    + "starkbot.platforms.discord.bot-token, or set starkbot.platforms.discord.application-id");
        }
        String id = response.statusCode() == 200 ? text(read(response.body()), "id") : null;
        if (id == null || !id.chars().allMatch(Character::isDigit)) {
            log.warn("Discord answered GET applications/@me with {} and no application id", response.statusCode());
            throw PlatformException.unavailable("Discord did not tell the application's id (status "
                    + response.statusCode() + "); try again, or set starkbot.platforms.discord.application-id");
        }
        known.set(new KnownId(tokenHash, id));
        return id;
    }

    /**
     * {@code POST /oauth2/token} with {@code grant_type=authorization_code}, the client authenticated with HTTP
     * Basic (RFC 6749 section 2.3.1: id and secret form-encoded, then Base64).
     */
    Exchange exchange(String clientId, String clientSecret, String code, String redirectUri) {
        String form = "grant_type=authorization_code&code=" + encode(code) + "&redirect_uri=" + encode(redirectUri);
        String basic = Base64.getEncoder().encodeToString((encode(clientId) + ":" + encode(clientSecret))
                .getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(properties.apiUrl() + "oauth2/token"))
                .timeout(properties.requestTimeout()).header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return new Exchange.Failed("Discord could not be reached: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Exchange.Failed("interrupted");
        }
        int status = response.statusCode();
        JsonNode body = read(response.body());
        if (status == 200 && body != null && text(body, "access_token") != null) {
            JsonNode guild = body.path("guild");
            return new Exchange.Granted(text(guild, "id"), text(guild, "name"));
        }
        if (status >= 400 && status < 500 && status != 429) {
            String error = body == null ? null : text(body, "error");
            String description = body == null ? null : text(body, "error_description");
            return new Exchange.Refused(status, error == null ? "http_" + status : error,
                    description == null ? "" : description);
        }
        return new Exchange.Failed("Discord answered " + status);
    }

    private @Nullable JsonNode read(String body) {
        try {
            return json.readTree(body);
        } catch (JacksonException e) {
            return null;
        }
    }

    private static @Nullable String text(@Nullable JsonNode node, String field) {
        if (node == null) {
            return null;
        }
        JsonNode value = node.path(field);
        return value.isString() && !value.asString().isEmpty() ? value.asString() : null;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JDK has SHA-256", e);
        }
    }
}
