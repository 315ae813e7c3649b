package dev.starkbot.testing.fake;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The fake's REST wire as a plain HTTP client sees it: what JDA's own checks would otherwise hide. */
class FakeDiscordServerIntegrationTest {

    private static final long GUILD = 900_000_000_000_000_001L;
    private static final long CHANNEL = 900_000_000_000_000_002L;

    private final FakeDiscordServer discord = FakeDiscordServer.start();
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void close() {
        discord.close();
    }

    @Test
    void refusesACallWithoutTheBotTokenWith401() throws Exception {
        HttpResponse<String> response = post("/channels/" + CHANNEL + "/messages", "{\"content\":\"hi\"}", "Bot nope");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(json(response).path("message").asString()).isEqualTo("401: Unauthorized");
    }

    @Test
    void refusesContentOverTwoThousandCharactersWithInvalidFormBody() throws Exception {
        discord.guild(GUILD, "g", DiscordUser.human(1, "owner"));
        discord.textChannel(GUILD, CHANNEL, "general");

        HttpResponse<String> response = post("/channels/" + CHANNEL + "/messages",
                "{\"content\":\"" + "x".repeat(2001) + "\"}", "Bot " + discord.token());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).path("code").asInt()).isEqualTo(50035);
        assertThat(json(response).path("errors").path("content").path("_errors").get(0).path("code").asString())
                .isEqualTo("BASE_TYPE_MAX_LENGTH");
    }

    @Test
    void answersA429WithRetryAfterInHeaderAndBody() throws Exception {
        discord.guild(GUILD, "g", DiscordUser.human(1, "owner"));
        discord.textChannel(GUILD, CHANNEL, "general");
        discord.failNext("POST /channels/{channel_id}/messages", DiscordFault.rateLimited(0.25));

        HttpResponse<String> limited = post("/channels/" + CHANNEL + "/messages", "{\"content\":\"a\"}",
                "Bot " + discord.token());
        HttpResponse<String> served = post("/channels/" + CHANNEL + "/messages", "{\"content\":\"a\"}",
                "Bot " + discord.token());

        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("retry-after")).hasValue("1");
        assertThat(json(limited).path("retry_after").asDouble()).isEqualTo(0.25);
        assertThat(json(limited).path("global").asBoolean()).isFalse();
        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(served.headers().firstValue("x-ratelimit-remaining")).isPresent();
        assertThat(served.headers().firstValue("via")).hasValue("1.1 google");
    }

    @Test
    void answersAnUnknownChannelWithDiscordsCode() throws Exception {
        HttpResponse<String> response = post("/channels/1/messages", "{\"content\":\"a\"}", "Bot " + discord.token());

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(json(response).path("code").asInt()).isEqualTo(10003);
    }

    private HttpResponse<String> post(String path, String body, String authorization) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(discord.restUrl() + path.substring(1)))
                .header("Authorization", authorization).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) {
        return WireJson.read(response.body());
    }
}
