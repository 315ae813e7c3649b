package dev.starkbot.gateway.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

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
            await(() -> handler.snapshot().size() >= 1);
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
            await(() -> handler.snapshot().size() == readers.size());
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

    private static void await(BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("condition not met within 30 s");
            }
            Thread.sleep(50);
        }
    }
}
