package dev.starkbot.testing.fake;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The fake's {@code POST /oauth2/token} as a plain HTTP client sees it: Discord's code grant for the bot flow. */
class FakeDiscordOAuth2IntegrationTest {

    private static final long GUILD = 900_000_000_000_000_011L;
    private static final String REDIRECT = "https://bot.example.test/oauth2/discord/callback";

    private final FakeDiscordServer discord = FakeDiscordServer.start();
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void guild() {
        discord.guild(GUILD, "Stark Industries", DiscordUser.human(1, "owner"));
    }

    @AfterEach
    void close() {
        discord.close();
    }

    @Test
    void exchangesACodeOnceForATokenNamingTheGuild() throws Exception {
        String code = discord.ownerAuthorizes(GUILD, REDIRECT);

        HttpResponse<String> granted = token(form(code, REDIRECT), basic(discord.clientSecret()));
        HttpResponse<String> again = token(form(code, REDIRECT), basic(discord.clientSecret()));

        assertThat(granted.statusCode()).as(granted.body()).isEqualTo(200);
        JsonNode json = json(granted);
        assertThat(json.path("token_type").asString()).isEqualTo("Bearer");
        assertThat(json.path("access_token").asString()).isNotEmpty();
        assertThat(json.path("refresh_token").asString()).isNotEmpty();
        assertThat(json.path("expires_in").asLong()).isEqualTo(604_800);
        assertThat(json.path("scope").asString()).contains("bot");
        assertThat(json.path("guild").path("id").asString()).isEqualTo(Long.toString(GUILD));
        assertThat(json.path("guild").path("name").asString()).isEqualTo("Stark Industries");
        assertThat(json.path("guild").has("members")).isFalse();
        assertThat(again.statusCode()).isEqualTo(400);
        assertThat(json(again).path("error").asString()).isEqualTo("invalid_grant");
        assertThat(json(again).path("error_description").asString()).isEqualTo("Invalid \"code\" in request.");
        assertThat(discord.requests("POST /oauth2/token")).hasSize(2);
    }

    @Test
    void acceptsTheClientsCredentialsInTheBody() throws Exception {
        String code = discord.ownerAuthorizes(GUILD, REDIRECT);

        HttpResponse<String> granted = token(form(code, REDIRECT) + "&client_id=" + discord.applicationId()
                + "&client_secret=" + discord.clientSecret(), null);

        assertThat(granted.statusCode()).as(granted.body()).isEqualTo(200);
    }

    @Test
    void refusesAWrongSecretAsAnInvalidClientAndKeepsTheCode() throws Exception {
        String code = discord.ownerAuthorizes(GUILD, REDIRECT);

        HttpResponse<String> refused = token(form(code, REDIRECT), basic("not-the-secret"));
        discord.clientSecret("a-reset-secret");
        HttpResponse<String> withTheNewOne = token(form(code, REDIRECT), basic("a-reset-secret"));

        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(json(refused).path("error").asString()).isEqualTo("invalid_client");
        assertThat(withTheNewOne.statusCode()).isEqualTo(200);
    }

    @Test
    void bindsACodeToItsRedirectUri() throws Exception {
        String code = discord.ownerAuthorizes(GUILD, REDIRECT);

        HttpResponse<String> refused = token(form(code, "https://elsewhere.example.test/cb"),
                basic(discord.clientSecret()));

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(json(refused).path("error").asString()).isEqualTo("invalid_grant");
        assertThat(json(refused).path("error_description").asString())
                .isEqualTo("Invalid \"redirect_uri\" in request.");
    }

    @Test
    void refusesAnExpiredCodeAMissingOneAndAJsonBody() throws Exception {
        String code = discord.ownerAuthorizes(GUILD, REDIRECT);
        discord.expireAuthorizationCodes();

        HttpResponse<String> expired = token(form(code, REDIRECT), basic(discord.clientSecret()));
        HttpResponse<String> missing = token("grant_type=authorization_code&redirect_uri=x",
                basic(discord.clientSecret()));
        HttpResponse<String> asJson = http.send(HttpRequest.newBuilder(URI.create(discord.restUrl() + "oauth2/token"))
                .header("Authorization", basic(discord.clientSecret())).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"grant_type\":\"authorization_code\",\"code\":\""
                        + discord.ownerAuthorizes(GUILD, REDIRECT) + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(json(expired).path("error").asString()).isEqualTo("invalid_grant");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(json(missing).path("error").asString()).isEqualTo("invalid_request");
        assertThat(asJson.statusCode()).isEqualTo(400);
        assertThat(json(asJson).path("error").asString()).isEqualTo("unsupported_grant_type");
    }

    private String basic(String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((discord.applicationId() + ":" + secret)
                .getBytes(StandardCharsets.UTF_8));
    }

    private static String form(String code, String redirectUri) {
        return "grant_type=authorization_code&code=" + code + "&redirect_uri="
                + URLEncoder.encode(redirectUri, StandardCharsets.UTF_8);
    }

    private HttpResponse<String> token(String form, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(discord.restUrl() + "oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) {
        return WireJson.read(response.body());
    }
}
