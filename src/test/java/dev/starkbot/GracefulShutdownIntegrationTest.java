package dev.starkbot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Test;

import dev.starkbot.testing.Http;
import dev.starkbot.testing.TestDatabase;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Runs StarkBot as a real process and sends it a real SIGTERM, the way a service manager stops it. */
class GracefulShutdownIntegrationTest {

    @Test
    void sigtermLetsAnInFlightRequestFinishAndExitsZeroWithJsonLogs() throws Exception {
        int port = freePort();
        Path dataDir = TestDatabase.newDataDir();
        Path log = dataDir.resolve("process.log");
        Process process = start(port, dataDir, log);
        try {
            Http http = new Http(port);
            awaitOrFail("/health answering", Duration.ofSeconds(90), process, log, () -> healthy(http));

            CompletableFuture<HttpResponse<String>> slow = CompletableFuture.supplyAsync(() -> http.send(
                    http.request("/test/slow?millis=3000").header("X-Request-Id", "slow-request-1").GET().build()));
            awaitOrFail("the slow request to start", Duration.ofSeconds(30), process, log,
                    () -> read(log).contains("slow request started"));

            process.destroy(); // SIGTERM

            HttpResponse<String> response = slow.get(40, TimeUnit.SECONDS);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("finished");
            assertThat(process.waitFor(40, TimeUnit.SECONDS)).as("process exited").isTrue();
            assertThat(process.exitValue()).as(read(log)).isZero();

            List<JsonNode> lines = jsonLines(log);
            assertThat(lines).anySatisfy(line -> assertThat(line.path("message").asString())
                    .contains("Received SIGTERM"));
            assertThat(lines).anySatisfy(line -> {
                assertThat(line.path("message").asString()).isEqualTo("slow request finishing");
                assertThat(line.path("requestId").asString()).isEqualTo("slow-request-1");
            });
            assertThat(lines).anySatisfy(line -> assertThat(line.path("message").asString())
                    .contains("checkpointed and closed cleanly"));
        } finally {
            process.destroyForcibly();
        }
    }

    private static Process start(int port, Path dataDir, Path log) throws IOException {
        String java = ProcessHandle.current().info().command().orElseThrow();
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        ProcessBuilder builder = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-Xshare:auto",
                "-cp", classpath, SlowRequestApplication.class.getName(), "--server.port=" + port);
        builder.environment().put("STARKBOT_DATA_DIR", dataDir.toString());
        builder.environment().put("STARKBOT_LOG_FORMAT", "json");
        builder.environment().remove("STARKBOT_DATABASE_URL");
        builder.redirectErrorStream(true);
        builder.redirectOutput(log.toFile());
        return builder.start();
    }

    private static boolean healthy(Http http) {
        try {
            return http.get("/health").statusCode() == 200;
        } catch (RuntimeException notYet) {
            return false;
        }
    }

    private static void awaitOrFail(String what, Duration timeout, Process process, Path log,
                                    BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (condition.getAsBoolean()) {
                return;
            }
            if (!process.isAlive()) {
                fail("StarkBot exited with " + process.exitValue() + " while waiting for " + what + ":\n" + read(log));
            }
            Thread.sleep(100);
        }
        fail("Timed out waiting for " + what + ":\n" + read(log));
    }

    /** Every line StarkBot wrote must be one JSON object: a log collector must never meet plain text. */
    private static List<JsonNode> jsonLines(Path log) {
        JsonMapper json = JsonMapper.builder().build();
        return read(log).lines().filter(line -> !line.isBlank()).map(line -> {
            assertThat(line).as("a JSON log line").startsWith("{");
            return json.readTree(line);
        }).toList();
    }

    private static String read(Path log) {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
