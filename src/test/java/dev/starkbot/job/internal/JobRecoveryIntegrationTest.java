package dev.starkbot.job.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.starkbot.SlowRequestApplication;
import dev.starkbot.StarkBotApplication;
import dev.starkbot.testing.Http;
import dev.starkbot.testing.StorageTest;
import dev.starkbot.testing.TestDatabase;

/** A job whose process is killed mid-run (SIGKILL, no goodbye) runs again once StarkBot is back. */
@StorageTest
class JobRecoveryIntegrationTest {

    @Test
    void aJobKilledMidRunRunsAgainAfterRestart() throws Exception {
        Map<String, String> database = TestDatabase.fresh();
        Path log = Path.of(database.get("starkbot.data-dir")).resolve("killed.log");
        int port = freePort();
        Process process = start(database, port, log);
        String jobId;
        try {
            Http http = new Http(port);
            await("StarkBot to answer", process, log, () -> healthy(http));
            jobId = http.get("/test/jobs/block").body();
            await("the job to start", process, log, () -> read(log).contains("blocking job started"));
        } finally {
            process.destroyForcibly();
        }
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();

        List<String> args = new ArrayList<>();
        database.forEach((key, value) -> args.add("--" + key + "=" + value));
        args.addAll(List.of("--starkbot.jobs.heartbeat-interval=300ms", "--starkbot.jobs.missed-heartbeats=4",
                "--starkbot.jobs.polling-interval=200ms"));
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(StarkBotApplication.class,
                SlowRequestApplication.SlowEndpoint.class).web(WebApplicationType.NONE)
                .run(args.toArray(String[]::new))) {
            JdbcClient jdbc = context.getBean(JdbcClient.class);
            String id = jobId;
            await("the job to be recovered", null, log, () -> "completed".equals(jdbc
                    .sql("SELECT status FROM jobs WHERE id = ?").param(id).query(String.class).single()));
            assertThat(jdbc.sql("SELECT attempts FROM jobs WHERE id = ?").param(id).query(Integer.class).single())
                    .isEqualTo(2);
            assertThat(jdbc.sql("SELECT result FROM jobs WHERE id = ?").param(id).query(String.class).single())
                    .isEqualTo("resumed on attempt 2");
        }
    }

    private static Process start(Map<String, String> database, int port, Path log) throws IOException {
        String java = ProcessHandle.current().info().command().orElseThrow();
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED",
                "-Dstarkbot.test.block=true", "-cp", classpath, SlowRequestApplication.class.getName(),
                "--server.port=" + port, "--starkbot.jobs.heartbeat-interval=300ms"));
        database.forEach((key, value) -> command.add("--" + key + "=" + value));
        ProcessBuilder builder = new ProcessBuilder(command);
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

    private static void await(String what, Process process, Path log, BooleanSupplier condition)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            if (condition.getAsBoolean()) {
                return;
            }
            if (process != null && !process.isAlive()) {
                fail("StarkBot exited while waiting for " + what + ":\n" + read(log));
            }
            Thread.sleep(100);
        }
        fail("Timed out waiting for " + what + ":\n" + read(log));
    }

    private static String read(Path log) {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            return "(unreadable)";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
