package dev.starkbot.user.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import dev.starkbot.StarkBotApplication;
import dev.starkbot.testing.Http;
import dev.starkbot.testing.StarkBotProcess;
import dev.starkbot.testing.StorageTest;
import dev.starkbot.testing.TestDatabase;
import tools.jackson.databind.JsonNode;

/** First start: the first admin, from the environment or from the one-time code in the log. */
@StorageTest
@ExtendWith(OutputCaptureExtension.class)
class SetupIntegrationTest {

    @Test
    @SuppressWarnings("try") // the context is only opened and closed around the test
    void theSetupCodeFromTheLogCreatesTheFirstAdminOnce(CapturedOutput output) throws Exception {
        int port = StarkBotProcess.freePort();
        try (ConfigurableApplicationContext ignored = start(TestDatabase.fresh(), port)) {
            Matcher code = Pattern.compile("\\b([A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4})\\b").matcher(output.getOut());
            assertThat(code.find()).as("a setup code in the log").isTrue();
            Http http = new Http(port);
            assertThat(Http.json(http.get("/api/setup")).path("required").asBoolean()).isTrue();

            HttpResponse<String> wrong = http.call("POST", "/api/setup", setup("AAAA-BBBB-CCCC", "root"));
            assertThat(wrong.statusCode()).isEqualTo(422);
            assertThat(Http.json(wrong).path("type").asString()).endsWith("/invalid-setup-code");

            HttpResponse<String> done = http.call("POST", "/api/setup", setup(code.group(1).toLowerCase(), "root"));
            assertThat(done.statusCode()).isEqualTo(201);
            assertThat(Http.json(done).path("role").asString()).isEqualTo("admin");
            assertThat(Http.json(http.get("/api/setup")).path("required").asBoolean()).isFalse();

            HttpResponse<String> again = http.call("POST", "/api/setup", setup(code.group(1), "intruder"));
            assertThat(again.statusCode()).isEqualTo(409);
            assertThat(login(http, "root").statusCode()).isEqualTo(200);
        }
    }

    @Test
    @SuppressWarnings("try")
    void theFirstAdminComesFromTheEnvironmentWithoutInteraction(CapturedOutput output) throws Exception {
        int port = StarkBotProcess.freePort();
        Map<String, String> database = TestDatabase.fresh();
        List<String> args = new ArrayList<>(List.of("--starkbot.admin.username=boss",
                "--starkbot.admin.password=" + AccountFixtures.PASSWORD));
        try (ConfigurableApplicationContext ignored = start(database, port, args.toArray(String[]::new))) {
            Http http = new Http(port);
            assertThat(Http.json(http.get("/api/setup")).path("required").asBoolean()).isFalse();
            HttpResponse<String> login = login(http, "boss");
            assertThat(login.statusCode()).isEqualTo(200);
            JsonNode me = Http.json(http.call("GET", "/api/me", null,
                    "Authorization", "Bearer " + Http.json(login).path("token").asString()));
            assertThat(me.path("user").path("role").asString()).isEqualTo("admin");
        }
        assertThat(output.getOut()).doesNotContain(AccountFixtures.PASSWORD).doesNotContain("one-time code");
    }

    private static ConfigurableApplicationContext start(Map<String, String> database, int port, String... extra) {
        List<String> args = new ArrayList<>();
        database.forEach((key, value) -> args.add("--" + key + "=" + value));
        args.add("--server.port=" + port);
        args.addAll(List.of(extra));
        return new SpringApplicationBuilder(StarkBotApplication.class).run(args.toArray(String[]::new));
    }

    private static String setup(String code, String username) {
        return "{\"setupCode\":\"" + code + "\",\"username\":\"" + username + "\",\"password\":\""
                + AccountFixtures.PASSWORD + "\"}";
    }

    private static HttpResponse<String> login(Http http, String username) {
        return http.call("POST", "/api/auth/login",
                "{\"username\":\"" + username + "\",\"password\":\"" + AccountFixtures.PASSWORD + "\"}");
    }
}
