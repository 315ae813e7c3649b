package dev.starkbot.settings.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;

import dev.starkbot.settings.SettingChanged;
import dev.starkbot.settings.SettingsService;
import dev.starkbot.testing.Http;
import dev.starkbot.testing.StorageTest;
import dev.starkbot.testing.TestDatabase;
import tools.jackson.databind.JsonNode;

@StorageTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "starkbot.rate-limit.enabled=false", "starkbot.admin.username=settings-admin",
        "starkbot.admin.password=" + SettingsIntegrationTest.PASSWORD})
@Import(SettingsIntegrationTest.Events.class)
@ExtendWith(OutputCaptureExtension.class)
class SettingsIntegrationTest {

    static final String PASSWORD = "settings admin password";
    private static final String SECRET = "sk-ant-api03-UNIQUE-MARKER-7f3a9c2e1d";

    @LocalServerPort
    int port;

    @Autowired
    SettingsService settings;

    @Autowired
    Environment environment;

    @Autowired
    Events events;

    @Test
    void aSecretWrittenThroughTheApiAppearsNowhereButWhereItIsUsed(CapturedOutput output) throws Exception {
        Http http = new Http(port);
        String[] admin = signIn(http);
        List<String> responses = new ArrayList<>();

        HttpResponse<String> put = http.call("PUT", "/api/settings/global/ai.anthropic.api-key",
                "{\"value\":\"" + SECRET + "\"}", admin);
        responses.add(put.body());
        assertThat(put.statusCode()).isEqualTo(200);
        JsonNode view = Http.json(put);
        assertThat(view.path("set").asBoolean()).isTrue();
        assertThat(view.path("hint").asString()).isEqualTo("2e1d");
        for (String path : List.of("/api/settings/global", "/api/settings/schema", "/api/settings/user",
                "/api/admin/audit?limit=50", "/api/me")) {
            HttpResponse<String> response = http.call("GET", path, null, admin);
            assertThat(response.statusCode()).as(path).isEqualTo(200);
            responses.add(response.body());
        }
        // A bad request that carries the secret must not echo it either.
        HttpResponse<String> rejected = http.call("PUT", "/api/settings/global/assistant.nonexistent",
                "{\"value\":\"" + SECRET + "\"}", admin);
        assertThat(rejected.statusCode()).isEqualTo(404);
        responses.add(rejected.body());

        assertThat(settings.global("ai.anthropic.api-key")).contains(SECRET);
        assertThat(responses).noneMatch(body -> body.contains(SECRET) || body.contains("UNIQUE-MARKER"));
        assertThat(output.getAll()).doesNotContain(SECRET).doesNotContain("UNIQUE-MARKER");
        assertThat(events.received).anyMatch(e -> e.key().equals("ai.anthropic.api-key") && e.userId() == null);
        assertStoredNowhereInPlainText();
    }

    @Test
    void valuesAreTypedAndValidatedAndApplyAtOnce() {
        Http http = new Http(port);
        String[] admin = signIn(http);

        HttpResponse<String> invalid = http.call("PUT", "/api/settings/user/chat.reply-length",
                "{\"value\":\"endless\"}", admin);
        assertThat(invalid.statusCode()).isEqualTo(422);
        assertThat(Http.json(invalid).path("type").asString()).endsWith("/invalid-setting");
        assertThat(http.call("PUT", "/api/settings/user/notifications.enabled", "{\"value\":\"maybe\"}", admin)
                .statusCode()).isEqualTo(422);

        JsonNode set = Http.json(http.call("PUT", "/api/settings/user/chat.reply-length",
                "{\"value\":\"short\"}", admin));
        assertThat(set.path("value").asString()).isEqualTo("short");
        assertThat(set.path("isDefault").asBoolean()).isFalse();
        JsonNode reset = Http.json(http.call("DELETE", "/api/settings/user/chat.reply-length", null, admin));
        assertThat(reset.path("value").asString()).isEqualTo("normal");

        JsonNode schema = Http.json(http.call("GET", "/api/settings/schema", null, admin));
        assertThat(schema.valueStream().map(s -> s.path("key").asString()))
                .contains("ai.anthropic.api-key", "chat.reply-length");
        http.call("PUT", "/api/settings/global/assistant.name", "{\"value\":\"Jarvis\"}", admin);
        assertThat(settings.global("assistant.name")).contains("Jarvis");
    }

    @Test
    void preferencesAreSettingsTooAndStayWithTheAccount() {
        Http http = new Http(port);
        String[] admin = signIn(http);

        assertThat(http.call("PUT", "/api/settings/user/preferences.time-zone", "{\"value\":\"+02:00\"}", admin)
                .statusCode()).isEqualTo(422);
        JsonNode set = Http.json(http.call("PUT", "/api/settings/user/preferences.time-zone",
                "{\"value\":\"Europe/Paris\"}", admin));
        assertThat(set.path("value").asString()).isEqualTo("Europe/Paris");
        JsonNode me = Http.json(http.call("GET", "/api/me", null, admin));
        assertThat(me.path("user").path("preferences").path("timeZone").asString()).isEqualTo("Europe/Paris");
        assertThat(Http.json(http.call("GET", "/api/settings/user", null, admin)).valueStream()
                .filter(v -> v.path("key").asString().equals("preferences.time-zone"))
                .map(v -> v.path("value").asString())).containsExactly("Europe/Paris");

        JsonNode reset = Http.json(http.call("DELETE", "/api/settings/user/preferences.time-zone", null, admin));
        assertThat(reset.path("value").asString()).isEqualTo("UTC");
        assertThat(reset.path("isDefault").asBoolean()).isTrue();
    }

    private void assertStoredNowhereInPlainText() throws Exception {
        Map<String, String> database = TestDatabase.kind() == TestDatabase.Kind.SQLITE
                ? Map.of("starkbot.data-dir", environment.getRequiredProperty("starkbot.data-dir"))
                : Map.of("starkbot.database.url", environment.getRequiredProperty("starkbot.database.url"));
        if (TestDatabase.kind() == TestDatabase.Kind.SQLITE) {
            Path dir = Path.of(environment.getRequiredProperty("starkbot.data-dir"));
            for (String name : List.of("starkbot.db", "starkbot.db-wal", "starkbot.db-shm")) {
                Path file = dir.resolve(name);
                if (Files.exists(file)) {
                    String bytes = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                    assertThat(bytes).as(name).doesNotContain("UNIQUE-MARKER");
                }
            }
        }
        try (Connection connection = TestDatabase.connect(database);
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT * FROM settings")) {
            while (rows.next()) {
                for (int column = 1; column <= rows.getMetaData().getColumnCount(); column++) {
                    assertThat(String.valueOf(rows.getString(column))).doesNotContain("UNIQUE-MARKER");
                }
            }
        }
    }

    private static String[] signIn(Http http) {
        HttpResponse<String> login = http.call("POST", "/api/auth/login",
                "{\"username\":\"settings-admin\",\"password\":\"" + PASSWORD + "\"}");
        return new String[] {"Authorization", "Bearer " + Http.json(login).path("token").asString()};
    }

    @TestConfiguration
    static class Events {

        final List<SettingChanged> received = new CopyOnWriteArrayList<>();

        @EventListener
        void on(SettingChanged event) {
            received.add(event);
        }
    }
}
