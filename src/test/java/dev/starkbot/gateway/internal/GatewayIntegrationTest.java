package dev.starkbot.gateway.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.starkbot.testing.Http;
import dev.starkbot.testing.StorageTest;
import dev.starkbot.testing.WsClient;
import dev.starkbot.user.Credentials;
import tools.jackson.databind.JsonNode;

@StorageTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "starkbot.rate-limit.enabled=false", "starkbot.gateway.auth-timeout=600ms",
        "starkbot.gateway.max-frame-size=64KB", "starkbot.admin.username=gateway-admin",
        "starkbot.admin.password=" + GatewayIntegrationTest.PASSWORD})
class GatewayIntegrationTest {

    static final String PASSWORD = "gateway admin password";
    private static final Duration SHORT = Duration.ofMillis(400);

    @LocalServerPort
    int port;

    @Autowired
    Credentials credentials;

    @Autowired
    JdbcClient jdbc;

    @Test
    void theSpecificationsExamplesBehaveAsSpecified() throws Exception {
        try (WsClient ws = WsClient.connect(port, bearer(adminToken()))) {
            JsonNode result = ws.call("{\"jsonrpc\":\"2.0\",\"method\":\"me.get\",\"id\":1}");
            assertThat(result.path("result").path("user").path("username").asString()).isEqualTo("gateway-admin");
            assertThat(result.path("id").asInt()).isEqualTo(1);

            // ids come back exactly as given: strings, numbers, null
            assertThat(ws.call("{\"jsonrpc\":\"2.0\",\"method\":\"me.get\",\"id\":\"abc\"}").path("id").asString())
                    .isEqualTo("abc");
            assertThat(ws.call("{\"jsonrpc\":\"2.0\",\"method\":\"me.get\",\"id\":null}").get("id").isNull())
                    .isTrue();

            // a notification gets no answer: the next message is the answer to the following request
            ws.send("{\"jsonrpc\":\"2.0\",\"method\":\"me.get\"}");
            assertThat(ws.call("{\"jsonrpc\":\"2.0\",\"method\":\"me.get\",\"id\":7}").path("id").asInt())
                    .isEqualTo(7);

            assertError(ws.call("{\"jsonrpc\":\"2.0\",\"method\":\"foobar\",\"id\":\"1\"}"), -32601, "1");
            assertError(ws.call("{\"jsonrpc\":\"2.0\",\"method\":\"foobar, \"params\":\"bar\",\"baz]"), -32700,
                    null);
            assertError(ws.call("{\"jsonrpc\":\"2.0\",\"method\":1,\"params\":\"bar\"}"), -32600, null);
            assertError(ws.call("[{\"jsonrpc\":\"2.0\",\"method\":\"sum\",\"params\":[1,2,4],\"id\":\"1\"},"
                    + "{\"jsonrpc\":\"2.0\",\"method\"]"), -32700, null);
            assertError(ws.call("[]"), -32600, null);

            JsonNode one = ws.call("[1]");
            assertThat(one.isArray()).isTrue();
            assertThat(one.size()).isEqualTo(1);
            assertError(one.get(0), -32600, null);
            JsonNode three = ws.call("[1,2,3]");
            assertThat(three.size()).isEqualTo(3);
            three.forEach(error -> assertError(error, -32600, null));

            JsonNode mixed = ws.call("["
                    + "{\"jsonrpc\":\"2.0\",\"method\":\"me.get\",\"id\":\"1\"},"
                    + "{\"jsonrpc\":\"2.0\",\"method\":\"me.get\"},"
                    + "{\"foo\":\"boo\"},"
                    + "{\"jsonrpc\":\"2.0\",\"method\":\"foo.get\",\"params\":{\"name\":\"myself\"},\"id\":\"5\"},"
                    + "{\"jsonrpc\":\"2.0\",\"method\":\"keys.list\",\"id\":\"9\"}]");
            assertThat(mixed.size()).isEqualTo(4);
            assertThat(mixed.get(0).path("result").path("user").isObject()).isTrue();
            assertError(mixed.get(1), -32600, null);
            assertError(mixed.get(2), -32601, "5");
            assertThat(mixed.get(3).path("result").isArray()).isTrue();

            ws.send("[{\"jsonrpc\":\"2.0\",\"method\":\"me.get\"},{\"jsonrpc\":\"2.0\",\"method\":\"me.get\"}]");
            assertThat(ws.next(SHORT)).as("a batch of notifications gets no answer").isNull();

            assertError(ws.call("{\"jsonrpc\":\"2.0\",\"method\":\"keys.revoke\",\"params\":[1],\"id\":2}"),
                    -32602, "2");
        }
    }

    @Test
    void methodsAreTheRestEndpointsWithTheirPermissionsAndValidation() throws Exception {
        String admin = adminToken();
        try (WsClient ws = WsClient.connect(port, bearer(admin))) {
            JsonNode created = ws.call("{\"jsonrpc\":\"2.0\",\"method\":\"keys.create\","
                    + "\"params\":{\"name\":\"from the socket\",\"scope\":\"readonly\"},\"id\":1}");
            String key = created.path("result").path("key").asString();
            assertThat(key).startsWith("sbk_");
            // The same key is visible through REST: one implementation behind both doors.
            JsonNode listed = Http.json(new Http(port).get("/api/keys", "Authorization", "Bearer " + admin));
            assertThat(listed.valueStream().map(k -> k.path("name").asString())).contains("from the socket");

            JsonNode invalid = ws.call("{\"jsonrpc\":\"2.0\",\"method\":\"keys.create\",\"params\":{},\"id\":2}");
            assertError(invalid, -32602, "2");
            JsonNode tooMany = ws.call("{\"jsonrpc\":\"2.0\",\"method\":\"admin.users.list\","
                    + "\"params\":{\"limit\":100000},\"id\":3}");
            assertError(tooMany, -32602, "3");
            JsonNode missing = ws.call("{\"jsonrpc\":\"2.0\",\"method\":\"admin.users.get\","
                    + "\"params\":{\"id\":\"no-such-user\"},\"id\":4}");
            assertThat(missing.path("error").path("code").asInt()).isEqualTo(-32004);
            assertThat(missing.path("error").path("data").path("type").asString()).isEqualTo("not-found");

            try (WsClient readonly = WsClient.connect(port, bearer(key))) {
                assertThat(readonly.call("{\"jsonrpc\":\"2.0\",\"method\":\"me.get\",\"id\":1}").has("result"))
                        .isTrue();
                for (String forbidden : List.of("keys.create\",\"params\":{\"name\":\"x\"}",
                        "admin.users.list\"")) {
                    JsonNode refused = readonly.call("{\"jsonrpc\":\"2.0\",\"method\":\"" + forbidden + ",\"id\":5}");
                    assertThat(refused.path("error").path("code").asInt()).isEqualTo(-32003);
                }
            }

            JsonNode discover = ws.call("{\"jsonrpc\":\"2.0\",\"method\":\"rpc.discover\",\"id\":9}");
            List<String> names = discover.path("result").path("methods").valueStream()
                    .map(m -> m.path("name").asString()).toList();
            assertThat(names).contains("auth", "me.get", "keys.create", "settings.global.set", "admin.audit.list");
            JsonNode create = discover.path("result").path("methods").valueStream()
                    .filter(m -> m.path("name").asString().equals("keys.create")).findFirst().orElseThrow();
            assertThat(create.path("params").valueStream().map(p -> p.path("name").asString()))
                    .containsExactly("name", "scope", "expiresAt");
        }
    }

    @Test
    void anOpenSocketLosesItsPowerWhenItsCredentialEnds() throws Exception {
        String admin = adminToken();
        Http http = new Http(port);
        String key = Http.json(http.call("POST", "/api/keys", "{\"name\":\"socket key\"}", bearer(admin)))
                .path("key").asString();
        String keyId = Http.json(http.get("/api/keys", bearer(admin))).valueStream()
                .filter(k -> k.path("name").asString().equals("socket key")).findFirst().orElseThrow()
                .path("id").asString();
        try (WsClient withKey = WsClient.connect(port, bearer(key))) {
            assertThat(withKey.call("{\"jsonrpc\":\"2.0\",\"method\":\"me.get\",\"id\":1}").has("result"))
                    .isTrue();
            assertThat(http.call("DELETE", "/api/keys/" + keyId, null, bearer(admin)).statusCode()).isEqualTo(204);
            JsonNode refused = withKey.call("{\"jsonrpc\":\"2.0\",\"method\":\"me.get\",\"id\":2}");
            assertThat(refused.path("error").path("code").asInt()).isEqualTo(-32001);
            assertThat(withKey.closeCode(Duration.ofSeconds(10))).isEqualTo(1008);
        }
        String session = adminToken();
        try (WsClient withSession = WsClient.connect(port, bearer(session))) {
            assertThat(http.call("POST", "/api/auth/logout", null, bearer(session)).statusCode()).isEqualTo(204);
            JsonNode refused = withSession.call("{\"jsonrpc\":\"2.0\",\"method\":\"admin.users.list\",\"id\":1}");
            assertThat(refused.path("error").path("code").asInt()).isEqualTo(-32001);
        }
    }

    @Test
    void withoutCredentialsAtTheUpgradeOnlyAuthWorksAndTheDeadlineCloses() throws Exception {
        // signed in before connecting: a login (Argon2) on a loaded machine can outlast the 600 ms auth deadline
        String token = adminToken();
        try (WsClient ws = WsClient.connect(port)) {
            JsonNode early = ws.call("{\"jsonrpc\":\"2.0\",\"method\":\"me.get\",\"id\":1}");
            assertThat(early.path("error").path("code").asInt()).isEqualTo(-32001);
            JsonNode wrong = ws.call("{\"jsonrpc\":\"2.0\",\"method\":\"auth\",\"params\":{\"token\":\"sbs_nope\"},"
                    + "\"id\":2}");
            assertThat(wrong.path("error").path("code").asInt()).isEqualTo(-32001);
            JsonNode auth = ws.call("{\"jsonrpc\":\"2.0\",\"method\":\"auth\",\"params\":{\"token\":\""
                    + token + "\"},\"id\":3}");
            assertThat(auth.path("result").path("role").asString()).isEqualTo("admin");
            assertThat(ws.call("{\"jsonrpc\":\"2.0\",\"method\":\"me.get\",\"id\":4}").has("result")).isTrue();
        }
        try (WsClient idle = WsClient.connect(port)) {
            assertThat(idle.closeCode(Duration.ofSeconds(10))).isEqualTo(1008);
        }
        assertThatThrownBy(() -> WsClient.connect(port, bearer("sbs_not-a-real-token")))
                .hasStackTraceContaining("401");
        try (Socket raw = new Socket("127.0.0.1", port)) {
            raw.getOutputStream().write(("GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                    + "Connection: Upgrade, close\r\nSec-WebSocket-Version: 13\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nAuthorization: Bearer sbs_nope\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            String answer = new String(raw.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(answer).startsWith("HTTP/1.1 401").contains("application/problem+json")
                    .contains("/problems/unauthenticated");
        }
    }

    @Test
    void hostileFramesGetErrorsOrACleanCloseAndHealthStaysUp() throws Exception {
        try (WsClient ws = WsClient.connect(port, bearer(adminToken()))) {
            String deep = "[".repeat(200) + "]".repeat(200);
            assertError(ws.call(deep), -32700, null);
            assertError(ws.call("not json at all"), -32700, null);
            assertThat(ws.call("{\"jsonrpc\":\"2.0\",\"method\":\"me.get\",\"id\":1}").has("result")).isTrue();
        }
        try (WsClient binary = WsClient.connect(port, bearer(adminToken()))) {
            binary.sendBinary(new byte[] {1, 2, 3});
            assertThat(binary.closeCode(Duration.ofSeconds(10))).isEqualTo(1003);
        }
        // A frame larger than the container's piece size but within max-frame-size arrives whole, twice in a row.
        try (WsClient large = WsClient.connect(port, bearer(adminToken()))) {
            for (int i = 0; i < 2; i++) {
                JsonNode answer = large.call("{\"jsonrpc\":\"2.0\",\"method\":\"me.get\",\"params\":{\"x\":\""
                        + "x".repeat(40_000) + "\"},\"id\":" + i + "}");
                assertThat(answer.path("id").asInt()).isEqualTo(i);
                assertThat(answer.path("error").path("code").asInt()).isEqualTo(-32602);
            }
            assertThat(large.call("{\"jsonrpc\":\"2.0\",\"method\":\"me.get\",\"id\":3}").has("result")).isTrue();
        }
        try (WsClient big = WsClient.connect(port, bearer(adminToken()))) {
            big.send("{\"jsonrpc\":\"2.0\",\"method\":\"me.get\",\"params\":{\"x\":\"" + "x".repeat(70_000)
                    + "\"},\"id\":1}");
            assertThat(big.closeCode(Duration.ofSeconds(10))).isEqualTo(1009);
        }
        // Invalid UTF-8 in a text frame, sent raw since no proper client would: the container closes with 1007.
        try (Socket raw = RawWebSocket.open(port, adminToken())) {
            RawWebSocket.sendText(raw, new byte[] {'{', (byte) 0xC3, (byte) 0x28, '}'});
            assertThat(RawWebSocket.readCloseCode(raw)).isEqualTo(1007);
        }
        assertThat(new Http(port).get("/health").statusCode()).isEqualTo(200);
    }

    /** The server takes text in parts (so that idle connections hold no large buffer) and joins them. */
    @Test
    void largeAndFragmentedMessagesArriveWhole() throws Exception {
        try (WsClient ws = WsClient.connect(port, bearer(adminToken()))) {
            // Over the container's 8 KiB buffer, under the test's 64 KB limit: it arrives in several parts.
            String padded = "{\"jsonrpc\":\"2.0\",\"method\":\"me.get\",\"id\":\"" + "y".repeat(40_000) + "\"}";
            assertThat(ws.call(padded).path("id").asString()).hasSize(40_000);
            ws.sendFragments("{\"jsonrpc\":\"2.0\",", "\"method\":\"me.get\",", "\"id\":7}");
            JsonNode fragmented = ws.nextJson();
            assertThat(fragmented.path("id").asInt()).isEqualTo(7);
            assertThat(fragmented.has("result")).as(fragmented.toString()).isTrue();
            // Under the limit in each fragment, over it in all: refused as one message.
            ws.sendFragments("{\"x\":\"" + "z".repeat(40_000), "z".repeat(40_000) + "\"}");
            assertThat(ws.closeCode(Duration.ofSeconds(10))).isEqualTo(1009);
        }
    }

    private String adminToken() {
        return Http.json(new Http(port).postJson("/api/auth/login",
                "{\"username\":\"gateway-admin\",\"password\":\"" + PASSWORD + "\"}")).path("token").asString();
    }

    private static String[] bearer(String token) {
        return new String[] {"Authorization", "Bearer " + token};
    }

    private static void assertError(JsonNode reply, int code, String id) {
        assertThat(reply.path("jsonrpc").asString()).isEqualTo("2.0");
        assertThat(reply.path("error").path("code").asInt()).as(reply.toString()).isEqualTo(code);
        assertThat(reply.path("error").path("message").asString()).isNotBlank();
        assertThat(reply.has("result")).isFalse();
        if (id == null) {
            assertThat(reply.get("id").isNull()).as(reply.toString()).isTrue();
        } else {
            assertThat(reply.path("id").asString()).isEqualTo(id);
        }
    }
}
