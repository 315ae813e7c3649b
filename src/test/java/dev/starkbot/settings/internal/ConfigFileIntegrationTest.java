package dev.starkbot.settings.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;

import dev.starkbot.StarkBotApplication;
import dev.starkbot.testing.Await;
import dev.starkbot.testing.Http;
import dev.starkbot.testing.TestDatabase;

@ExtendWith(OutputCaptureExtension.class)
class ConfigFileIntegrationTest {

    private static final String GOOD = """
            [starkbot.rate-limit.read]
            capacity = 5
            period = "1h"

            [starkbot.metrics]
            token = "token-from-the-file"
            """;

    @Test
    void aBrokenEditKeepsTheOldConfigurationAndAValidOneAppliesWithoutARestart(CapturedOutput output)
            throws Exception {
        Map<String, String> database = TestDatabase.fresh();
        Path config = Path.of(database.get("starkbot.data-dir")).resolve("config.toml");
        Files.writeString(config, GOOD);
        try (ConfigurableApplicationContext context = start(database)) {
            Http http = new Http(((WebServerApplicationContext) context).getWebServer().getPort());
            assertThat(limit(http)).isEqualTo("5");
            assertThat(http.get("/metrics", "Authorization", "Bearer token-from-the-file").statusCode())
                    .isEqualTo(200);

            Files.writeString(config, GOOD.replace("capacity = 5", "capacity = = 7"));
            awaitLog(output, "is not valid TOML at line 2");
            assertThat(output.getOut()).contains("the last good configuration stays in force");
            assertThat(limit(http)).isEqualTo("5");

            Files.writeString(config, GOOD.replace("capacity = 5", "capacity = 0"));
            awaitLog(output, "starkbot.rate-limit.read.capacity must be greater than or equal to 1");
            assertThat(limit(http)).isEqualTo("5");

            Files.writeString(config, GOOD.replace("capacity = 5", "capacity = 7")
                    .replace("token-from-the-file", "rotated-token")
                    + "\n[starkbot.database]\npool-size = 5\n\n[server]\nport = 9999\n");
            Await.until("the new limit", Duration.ofSeconds(15), () -> "7".equals(limit(http)));
            assertThat(http.get("/metrics", "Authorization", "Bearer rotated-token").statusCode()).isEqualTo(200);
            assertThat(http.get("/metrics", "Authorization", "Bearer token-from-the-file").statusCode())
                    .isEqualTo(401);
            awaitLog(output, "after a restart [starkbot.database.pool-size]");
            // The test starts StarkBot with --server.port, which outranks the file.
            awaitLog(output, "overridden by environment variables or arguments, which win: "
                    + "[server.port]");
        }
    }

    @Test
    void environmentAndCommandLineOverrideTheFile() throws Exception {
        Map<String, String> database = TestDatabase.fresh();
        Files.writeString(Path.of(database.get("starkbot.data-dir")).resolve("config.toml"), GOOD);
        try (ConfigurableApplicationContext context = start(database, "--starkbot.metrics.token=token-from-cli")) {
            ConfigurableEnvironment environment = context.getEnvironment();
            assertThat(environment.getProperty("starkbot.metrics.token")).isEqualTo("token-from-cli");
            assertThat(environment.getProperty("starkbot.rate-limit.read.capacity")).isEqualTo("5");
            List<String> order = environment.getPropertySources().stream().map(s -> s.getName()).toList();
            assertThat(order.indexOf("systemEnvironment")).isLessThan(order.indexOf("starkbotConfigFile"));
        }
    }

    @Test
    void anInvalidFileAtStartUpStopsItWithTheLine() throws Exception {
        Map<String, String> database = TestDatabase.fresh();
        Files.writeString(Path.of(database.get("starkbot.data-dir")).resolve("config.toml"), "[server\nport = 1");
        assertThatThrownBy(() -> start(database).close()).hasMessageContaining("is not valid TOML at line 1");
    }

    private static ConfigurableApplicationContext start(Map<String, String> database, String... extra) {
        List<String> args = new ArrayList<>();
        database.forEach((key, value) -> args.add("--" + key + "=" + value));
        args.add("--server.port=0");
        args.add("--starkbot.config-watch-interval=100ms");
        args.addAll(List.of(extra));
        return new SpringApplicationBuilder(StarkBotApplication.class).run(args.toArray(String[]::new));
    }

    private static void awaitLog(CapturedOutput output, String text) throws InterruptedException {
        Await.until("the log to say: " + text, Duration.ofSeconds(15), () -> output.getOut().contains(text));
    }

    private static String limit(Http http) {
        return http.get("/health").headers().firstValue("RateLimit-Limit").orElse("none");
    }
}
