package dev.starkbot.testing.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
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

    @Test
    void listsMessagesNewestFirstAndRefusesALimitOver100() throws Exception {
        discord.guild(GUILD, "g", DiscordUser.human(1, "owner"));
        discord.textChannel(GUILD, CHANNEL, "general");
        for (String content : new String[] {"a", "b", "c"}) {
            post("/channels/" + CHANNEL + "/messages", "{\"content\":\"" + content + "\"}", "Bot " + discord.token());
        }

        HttpResponse<String> latest = get("/channels/" + CHANNEL + "/messages?limit=2");
        HttpResponse<String> tooMany = get("/channels/" + CHANNEL + "/messages?limit=101");

        assertThat(json(latest).valueStream().map(message -> message.path("content").asString())).containsExactly("c",
                "b");
        assertThat(tooMany.statusCode()).isEqualTo(400);
        assertThat(json(tooMany).path("errors").path("limit").path("_errors").get(0).path("code").asString())
                .isEqualTo("NUMBER_TYPE_MAX");
    }

    @Test
    void servesAnUploadOnTheCdnWithoutAuthorizationAndAnUnknownFileAs404() throws Exception {
        discord.guild(GUILD, "g", DiscordUser.human(1, "owner"));
        discord.textChannel(GUILD, CHANNEL, "general");
        String multipart = "--x\r\nContent-Disposition: form-data; name=\"payload_json\"\r\n\r\n{\"content\":\"f\"}\r\n"
                + "--x\r\nContent-Disposition: form-data; name=\"files[0]\"; filename=\"a b.txt\"\r\n"
                + "Content-Type: text/plain\r\n\r\nhello\r\n--x--\r\n";
        HttpResponse<String> sent = http.send(HttpRequest.newBuilder(URI.create(discord.restUrl() + "channels/"
                + CHANNEL + "/messages")).header("Authorization", "Bot " + discord.token())
                .header("Content-Type", "multipart/form-data; boundary=x")
                .POST(HttpRequest.BodyPublishers.ofString(multipart)).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode attachment = json(sent).path("attachments").get(0);

        HttpResponse<String> file = http.send(HttpRequest.newBuilder(URI.create(attachment.path("url").asString()))
                .build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> unknown = http.send(HttpRequest.newBuilder(URI.create(attachment.path("url").asString()
                .replace("a_b.txt", "c.txt"))).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(attachment.path("filename").asString()).isEqualTo("a_b.txt");
        assertThat(attachment.path("size").asInt()).isEqualTo(5);
        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(file.body()).isEqualTo("hello");
        assertThat(unknown.statusCode()).isEqualTo(404);
    }

    @Test
    void hangsUpOnRestCallsDuringAnOutage() {
        discord.outage(Duration.ofSeconds(5));

        assertThatThrownBy(() -> get("/users/@me"))
                .isInstanceOf(IOException.class);
        assertThat(discord.requests("GET /users/@me")).isNotEmpty();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(discord.restUrl() + path.substring(1)))
                .header("Authorization", "Bot " + discord.token()).build(), HttpResponse.BodyHandlers.ofString());
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
