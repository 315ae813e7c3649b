package dev.starkbot.gateway.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.starkbot.testing.Await;
import dev.starkbot.testing.Http;
import dev.starkbot.testing.WsClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "starkbot.rate-limit.enabled=false", "starkbot.gateway.event-window-size=10",
        "starkbot.gateway.send-queue=100", "starkbot.accounts.registration=open",
        "starkbot.admin.username=events-admin", "starkbot.admin.password=" + GatewayEventsIntegrationTest.PASSWORD})
class GatewayEventsIntegrationTest {

    static final String PASSWORD = "events admin password";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    EventHub hub;

    @Autowired
    JsonRpcHandler handler;

    @Test
    void eventsReachEveryConnectionOfTheirAudienceOnlyAndResumeFillsTheGap() throws Exception {
        String alice = token(register("alice-" + System.nanoTime()));
        String bob = token(register("bob-" + System.nanoTime()));
        try (WsClient a1 = subscribed(alice); WsClient a2 = subscribed(alice); WsClient b = subscribed(bob)) {
            setMine(alice, "short");
            for (WsClient client : List.of(a1, a2)) {
                JsonNode event = client.nextJson();
                assertThat(event.path("method").asString()).isEqualTo("event");
                assertThat(event.path("params").path("topic").asString()).isEqualTo("settings");
                assertThat(event.path("params").path("type").asString()).isEqualTo("setting.changed");
                assertThat(event.path("params").path("data").path("key").asString()).isEqualTo("chat.reply-length");
                assertThat(event.has("id")).isFalse();
            }
            assertThat(b.next(Duration.ofMillis(300))).as("Bob sees nothing of Alice's settings").isNull();
        }

        long seq;
        try (WsClient before = subscribed(alice)) {
            setMine(alice, "normal");
            seq = before.nextJson().path("params").path("seq").asLong();
        }
        setMine(alice, "detailed");
        setMine(alice, "short");
        try (WsClient after = WsClient.connect(port, "Authorization", "Bearer " + alice)) {
            after.send("{\"jsonrpc\":\"2.0\",\"method\":\"resume\",\"params\":{\"topic\":\"settings\",\"afterSeq\":"
                    + seq + "},\"id\":1}");
            List<JsonNode> missed = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                JsonNode message = after.nextJson();
                if (message.has("method")) {
                    missed.add(message.path("params"));
                }
            }
            assertThat(missed).extracting(p -> p.path("seq").asLong()).containsExactly(seq + 1, seq + 2);
        }

        for (int i = 0; i < 12; i++) {
            setMine(alice, i % 2 == 0 ? "short" : "normal");
        }
        try (WsClient late = WsClient.connect(port, "Authorization", "Bearer " + alice)) {
            late.send("{\"jsonrpc\":\"2.0\",\"method\":\"resume\",\"params\":{\"topic\":\"settings\",\"afterSeq\":"
                    + seq + "},\"id\":1}");
            JsonNode first = late.nextJson();
            JsonNode gap = first.has("method") ? first : late.nextJson();
            assertThat(gap.path("params").path("type").asString()).isEqualTo("gap");
            assertThat(gap.path("params").path("data").path("afterSeq").asLong()).isEqualTo(seq);
        }
        // A position from before a restart (beyond anything this instance has numbered) is a gap too.
        try (WsClient restarted = WsClient.connect(port, "Authorization", "Bearer " + alice)) {
            restarted.send("{\"jsonrpc\":\"2.0\",\"method\":\"resume\",\"params\":{\"topic\":\"settings\","
                    + "\"afterSeq\":999999},\"id\":1}");
            JsonNode first = restarted.nextJson();
            JsonNode gap = first.has("method") ? first : restarted.nextJson();
            assertThat(gap.path("params").path("type").asString()).isEqualTo("gap");
        }
    }

    @Test
    void serverSentEventsCarryTheSameEventsAndResumeWithLastEventId() throws Exception {
        String carol = token(register("carol-" + System.nanoTime()));
        HttpClient http = HttpClient.newHttpClient();
        String lastId;
        try (var lines = stream(http, carol, null)) {
            setMine(carol, "short");
            List<String> event = nextEvent(lines.iterator());
            assertThat(event).anyMatch(l -> l.startsWith("data:") && l.contains("\"setting.changed\""));
            lastId = event.stream().filter(l -> l.startsWith("id:")).findFirst().orElseThrow().substring(3);
            assertThat(lastId).startsWith("settings:");
        }
        setMine(carol, "normal");
        setMine(carol, "detailed");
        try (var lines = stream(http, carol, lastId)) {
            var iterator = lines.iterator();
            long first = seq(nextEvent(iterator));
            long second = seq(nextEvent(iterator));
            assertThat(second).isEqualTo(first + 1);
            assertThat(first).isEqualTo(Long.parseLong(lastId.substring("settings:".length())) + 1);
        }
        HttpResponse<String> unknown = new Http(port).get("/api/events?topics=nonsense",
                "Authorization", "Bearer " + carol);
        assertThat(unknown.statusCode()).isEqualTo(422);
        assertThat(new Http(port).get("/api/events?topics=,", "Authorization", "Bearer " + carol).statusCode())
                .isEqualTo(422);
    }

    private Stream<String> stream(HttpClient http, String token, String lastEventId) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/api/events?topics=settings"))
                .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream");
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        HttpResponse<Stream<String>> response = http.send(request.build(),
                HttpResponse.BodyHandlers.ofLines());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    private static List<String> nextEvent(Iterator<String> lines) {
        List<String> event = new ArrayList<>();
        while (lines.hasNext()) {
            String line = lines.next();
            if (line.isEmpty() && !event.isEmpty()) {
                return event;
            }
            if (!line.isEmpty() && !line.startsWith(":")) {
                event.add(line);
            }
        }
        throw new AssertionError("stream ended");
    }

    private static long seq(List<String> event) {
        String data = event.stream().filter(l -> l.startsWith("data:")).findFirst().orElseThrow().substring(5);
        return JSON.readTree(data).path("seq").asLong();
    }

    @Test
    void aThousandConnectionsAllReceiveABroadcast() throws Exception {
        String admin = adminToken();
        List<WsClient> clients = new ArrayList<>();
        HttpClient shared = HttpClient.newHttpClient();
        try {
            for (int i = 0; i < 1000; i++) {
                clients.add(WsClient.connect(shared, port, "Authorization", "Bearer " + admin));
            }
            for (WsClient client : clients) {
                client.send("{\"jsonrpc\":\"2.0\",\"method\":\"subscribe\",\"params\":{\"topics\":[\"settings\"]},"
                        + "\"id\":1}");
            }
            for (WsClient client : clients) {
                assertThat(client.nextJson().has("result")).isTrue();
            }
            HttpResponse<String> put = new Http(port).call("PUT", "/api/settings/global/assistant.name",
                    "{\"value\":\"Broadcast\"}", "Authorization", "Bearer " + admin);
            assertThat(put.statusCode()).isEqualTo(200);
            for (WsClient client : clients) {
                JsonNode event = client.nextJson();
                assertThat(event.path("params").path("data").path("key").asString()).isEqualTo("assistant.name");
            }
            assertThat(new Http(port).get("/health").statusCode()).isEqualTo(200);
        } finally {
            clients.forEach(WsClient::close);
        }
    }

    @Test
    @SuppressWarnings("try") // the stalled socket only has to stay open
    void aClientThatStopsReadingIsDroppedWithoutDelayingTheOthers() throws Exception {
        String admin = adminToken();
        try (Socket stalled = stalledClient(admin)) {
            Await.until("the stalled client to connect", Duration.ofSeconds(30),
                    () -> handler.snapshot().size() >= 1);
            List<WsClient> readers = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                readers.add(subscribed(admin));
            }
            // 30 MB in all, at a pace readers keep up with; the stalled client's socket buffers fill, then its
            // queue (100 in this test), and it is dropped.
            String big = "x".repeat(50_000);
            Instant started = Instant.now();
            for (int i = 0; i < 600; i++) {
                hub.publish("settings", "test.big", JSON.createObjectNode().put("i", i).put("blob", big),
                        p -> true);
                Thread.sleep(3);
            }
            for (WsClient reader : readers) {
                for (int i = 0; i < 600; i++) {
                    assertThat(reader.nextJson().path("params").path("data").path("i").asInt()).isEqualTo(i);
                }
            }
            assertThat(Duration.between(started, Instant.now())).isLessThan(Duration.ofSeconds(30));
            Await.until("the stalled client to be dropped", Duration.ofSeconds(30),
                    () -> handler.snapshot().size() == readers.size());
            readers.forEach(WsClient::close);
        }
    }

    /** A client that upgrades, subscribes and then never reads a byte. */
    private Socket stalledClient(String token) throws Exception {
        Socket socket = RawWebSocket.open(port, token);
        RawWebSocket.sendText(socket, ("{\"jsonrpc\":\"2.0\",\"method\":\"subscribe\","
                + "\"params\":{\"topics\":[\"settings\"]}}").getBytes(StandardCharsets.UTF_8));
        return socket;
    }

    private WsClient subscribed(String token) throws Exception {
        WsClient client = WsClient.connect(port, "Authorization", "Bearer " + token);
        JsonNode reply = client.call("{\"jsonrpc\":\"2.0\",\"method\":\"subscribe\","
                + "\"params\":{\"topics\":[\"settings\",\"system\"]},\"id\":1}");
        assertThat(reply.path("result").has("settings")).isTrue();
        return client;
    }

    private void setMine(String token, String value) {
        assertThat(new Http(port).call("PUT", "/api/settings/user/chat.reply-length",
                "{\"value\":\"" + value + "\"}", "Authorization", "Bearer " + token).statusCode()).isEqualTo(200);
    }

    private String register(String username) {
        new Http(port).postJson("/api/auth/register",
                "{\"username\":\"" + username + "\",\"password\":\"" + PASSWORD + "\"}");
        return username;
    }

    private String token(String username) {
        return Http.json(new Http(port).postJson("/api/auth/login",
                "{\"username\":\"" + username + "\",\"password\":\"" + PASSWORD + "\"}")).path("token").asString();
    }

    private String adminToken() {
        return token("events-admin");
    }
}
