package dev.starkbot.conversation.internal;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import dev.starkbot.testing.Http;
import dev.starkbot.testing.TestUser;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A person using the chat API over real HTTP: signs up, starts conversations, sends messages as SSE or JSON. */
record ChatClient(int port, String userId, String token) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    record SseEvent(String name, JsonNode data) {
    }

    static ChatClient signUp(int port, String name) {
        TestUser user = TestUser.signUp(new Http(port), name);
        return new ChatClient(port, user.id(), user.token());
    }

    String[] bearer() {
        return new String[] {"Authorization", "Bearer " + token};
    }

    Http http() {
        return new Http(port);
    }

    String newConversation(String model) {
        String body = model == null ? "{}" : "{\"model\":\"" + model + "\"}";
        return Http.json(http().call("POST", "/api/conversations", body, bearer())).path("id").asString();
    }

    JsonNode sendJson(String conversationId, String text) {
        return Http.json(sendJsonRaw(conversationId, text));
    }

    HttpResponse<String> sendJsonRaw(String conversationId, String text) {
        return http().call("POST", "/api/conversations/" + conversationId + "/messages",
                JSON.writeValueAsString(java.util.Map.of("text", text)), bearer());
    }

    /** Sends a message asking for SSE and reads the events until the server ends the stream. */
    List<SseEvent> sendStreaming(String conversationId, String text) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/conversations/"
                        + conversationId + "/messages"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .header("Accept", "text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(java.util.Map.of("text", text))))
                .build();
        try (HttpClient client = HttpClient.newHttpClient()) {
            HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() != 200) {
                throw new AssertionError("HTTP " + response.statusCode() + ": "
                        + new String(response.body().readAllBytes(), StandardCharsets.UTF_8));
            }
            List<SseEvent> events = new ArrayList<>();
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(),
                    StandardCharsets.UTF_8))) {
                String name = null;
                StringBuilder data = new StringBuilder();
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    if (line.startsWith("event:")) {
                        name = line.substring(6).strip();
                    } else if (line.startsWith("data:")) {
                        data.append(line.substring(5));
                    } else if (line.isEmpty() && name != null) {
                        events.add(new SseEvent(name, JSON.readTree(data.toString())));
                        name = null;
                        data.setLength(0);
                    }
                }
            }
            return events;
        }
    }

    JsonNode messages(String conversationId) {
        return Http.json(http().get("/api/conversations/" + conversationId + "/messages", bearer()));
    }
}
