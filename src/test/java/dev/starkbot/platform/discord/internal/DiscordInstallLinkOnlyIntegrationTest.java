package dev.starkbot.platform.discord.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.starkbot.testing.Http;
import dev.starkbot.testing.fake.FakeDiscordServer;
import tools.jackson.databind.JsonNode;

/**
 * Without a redirect URL the install link only adds the bot: no state, no code exchange. Without a token or an
 * application id there is no link at all, and the problem says what to configure.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "starkbot.rate-limit.enabled=false", "starkbot.admin.username=" + DiscordInstallLinkOnlyIntegrationTest.ADMIN,
        "starkbot.admin.password=" + DiscordInstallLinkOnlyIntegrationTest.PASSWORD})
class DiscordInstallLinkOnlyIntegrationTest {

    static final String ADMIN = "discord-admin";
    static final String PASSWORD = "the discord admin's password";
    static final FakeDiscordServer DISCORD = FakeDiscordServer.start();

    @LocalServerPort
    int port;

    @Autowired
    ConfigurableEnvironment environment;

    @DynamicPropertySource
    static void discord(DynamicPropertyRegistry registry) {
        registry.add("starkbot.platforms.discord.api-url", DISCORD::restUrl);
        registry.add("starkbot.platforms.discord.gateway-url", DISCORD::gatewayUrl);
    }

    @AfterAll
    static void stop() {
        DISCORD.close();
    }

    @Test
    void withNeitherATokenNorAnApplicationIdTheProblemSaysWhatToConfigure() {
        HttpResponse<String> refused = http().get("/api/platforms/discord/install", admin());

        assertThat(refused.statusCode()).isEqualTo(409);
        JsonNode problem = Http.json(refused);
        assertThat(problem.path("type").asString()).endsWith("/platform-not-configured");
        assertThat(problem.path("detail").asString()).contains("starkbot.platforms.discord.application-id")
                .contains("DISCORD_BOT_TOKEN");
    }

    @Test
    void withoutARedirectUrlTheLinkOnlyAddsTheBotAndHasNoState() {
        var token = new MapPropertySource("discord-token", Map.of("DISCORD_BOT_TOKEN", DISCORD.token()));
        environment.getPropertySources().addFirst(token);
        try {
            HttpResponse<String> response = http().get("/api/platforms/discord/install", admin());

            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            JsonNode link = Http.json(response);
            assertThat(link.path("url").asString()).isEqualTo("https://discord.com/oauth2/authorize?client_id="
                    + FakeDiscordServer.BOT_ID + "&scope=bot%20applications.commands&permissions=274878024768"
                    + "&integration_type=0");
            assertThat(link.path("exchange").asBoolean()).isFalse();
            assertThat(link.path("expiresAt").isNull()).isTrue();
            assertThat(DISCORD.requests("GET /applications/@me").getFirst().header("authorization"))
                    .hasValue("Bot " + DISCORD.token());
        } finally {
            environment.getPropertySources().remove(token.getName());
        }
    }

    @Test
    void theCallbackOpensNothingWithoutAnExchange() {
        HttpResponse<String> page = http().get("/oauth2/discord/callback?code=abc&state=" + "B".repeat(43));

        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(page.body()).contains("expired or was already used");
        assertThat(DISCORD.requests("POST /oauth2/token")).isEmpty();
    }

    private Http http() {
        return new Http(port);
    }

    private String[] admin() {
        HttpResponse<String> login = http().postJson("/api/auth/login",
                "{\"username\":\"" + ADMIN + "\",\"password\":\"" + PASSWORD + "\"}");
        return new String[] {"Authorization", "Bearer " + Http.json(login).path("token").asString()};
    }
}
