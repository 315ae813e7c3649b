package dev.starkbot.testing.fake;

import static dev.starkbot.testing.fake.FakeTelegramServerIntegrationTest.ANN;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The fake's HTTP surface seen without any Telegram library: bodies, headers, paths and method names. */
class TelegramWireIntegrationTest {

    private final FakeTelegramServer fake = FakeTelegramServer.start();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @AfterEach
    void close() {
        http.close();
        fake.close();
    }

    @Test
    void acceptsJsonBodiesAndQueryStringsAndMatchesMethodNamesCaseInsensitively() throws Exception {
        fake.userSends(ANN.id(), ANN, "hello");

        var json = post("sendMessage", "application/json", "{\"chat_id\":" + ANN.id() + ",\"text\":\"Hi\","
                + "\"reply_markup\":{\"inline_keyboard\":[[{\"text\":\"Go\",\"callback_data\":\"go\"}]]}}");
        var query = get("SENDMESSAGE?chat_id=" + ANN.id() + "&text=Hi%20again");

        assertThat(json.statusCode()).isEqualTo(200);
        assertThat(json.body()).startsWith("{\"ok\":true,\"result\":{\"message_id\":2,");
        assertThat(query.body()).contains("\"text\":\"Hi again\"");
        assertThat(fake.sentMessages(ANN.id())).extracting(SentMessage::text).containsExactly("Hi", "Hi again");
        assertThat(fake.requests("sendMessage").getFirst().json("reply_markup").path("inline_keyboard").get(0)
                .get(0).path("callback_data").asString()).isEqualTo("go");
    }

    @Test
    void floodControlCarriesARetryAfterHeaderAndParameters() throws Exception {
        fake.failNext("getMe", TelegramFault.tooManyRequests(12));

        var response = get("getMe");

        assertThat(response.statusCode()).isEqualTo(429);
        assertThat(response.headers().firstValue("Retry-After")).contains("12");
        assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
        assertThat(response.body()).isEqualTo("{\"ok\":false,\"error_code\":429,\"description\":\"Too Many Requests: "
                + "retry after 12\",\"parameters\":{\"retry_after\":12}}");
    }

    @Test
    void badGatewayIsNginxsHtmlPage() throws Exception {
        fake.failNext("getMe", TelegramFault.badGateway());

        var response = get("getMe");

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(response.headers().firstValue("Content-Type")).contains("text/html");
        assertThat(response.body()).contains("<center><h1>502 Bad Gateway</h1></center>");
    }

    @Test
    void unknownMethodsAndPathsAreNotFound() throws Exception {
        assertThat(get("sendTelepathy").body()).isEqualTo("{\"ok\":false,\"error_code\":404,"
                + "\"description\":\"Not Found: method not found\"}");
        var wrongPath = http.send(HttpRequest.newBuilder(URI.create(fake.apiUrl().replace("/bot", "/api"))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(wrongPath.statusCode()).isEqualTo(404);
        assertThat(wrongPath.body()).isEqualTo("{\"ok\":false,\"error_code\":404,\"description\":\"Not Found\"}");
    }

    private HttpResponse<String> get(String methodAndQuery) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(fake.apiUrl() + fake.token() + "/" + methodAndQuery))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String method, String contentType, String body)
            throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(fake.apiUrl() + fake.token() + "/" + method))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
