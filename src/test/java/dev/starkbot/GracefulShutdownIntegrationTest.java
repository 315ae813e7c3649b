package dev.starkbot;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.starkbot.testing.Http;
import dev.starkbot.testing.StarkBotProcess;
import dev.starkbot.testing.TestDatabase;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Runs StarkBot as a real process and sends it a real SIGTERM, the way a service manager stops it. */
class GracefulShutdownIntegrationTest {

    @Test
    void sigtermLetsAnInFlightRequestFinishAndExitsZeroWithJsonLogs() throws Exception {
        Path dataDir = TestDatabase.newDataDir();
        try (StarkBotProcess starkbot = StarkBotProcess.start(dataDir.resolve("process.log"), List.of(),
                Map.of("STARKBOT_DATA_DIR", dataDir.toString(), "STARKBOT_LOG_FORMAT", "json"), List.of())) {
            Process process = starkbot.process();
            Http http = starkbot.http();
            starkbot.awaitHealthy(Duration.ofSeconds(90));

            CompletableFuture<HttpResponse<String>> slow = CompletableFuture.supplyAsync(() -> http.send(
                    http.request("/test/slow?millis=3000").header("X-Request-Id", "slow-request-1").GET().build()));
            starkbot.await("the slow request to start", Duration.ofSeconds(30),
                    () -> starkbot.log().contains("slow request started"));

            process.destroy(); // SIGTERM

            HttpResponse<String> response = slow.get(40, TimeUnit.SECONDS);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("finished");
            assertThat(process.waitFor(40, TimeUnit.SECONDS)).as("process exited").isTrue();
            assertThat(process.exitValue()).as(starkbot.log()).isZero();

            List<JsonNode> lines = jsonLines(starkbot.log());
            assertThat(lines).anySatisfy(line -> assertThat(line.path("message").asString())
                    .contains("Received SIGTERM"));
            assertThat(lines).anySatisfy(line -> {
                assertThat(line.path("message").asString()).isEqualTo("slow request finishing");
                assertThat(line.path("requestId").asString()).isEqualTo("slow-request-1");
            });
            assertThat(lines).anySatisfy(line -> assertThat(line.path("message").asString())
                    .contains("checkpointed and closed cleanly"));
        }
    }

    /** Every line StarkBot wrote must be one JSON object: a log collector must never meet plain text. */
    private static List<JsonNode> jsonLines(String log) {
        JsonMapper json = JsonMapper.builder().build();
        return log.lines().filter(line -> !line.isBlank()).map(line -> {
            assertThat(line).as("a JSON log line").startsWith("{");
            return json.readTree(line);
        }).toList();
    }
}
