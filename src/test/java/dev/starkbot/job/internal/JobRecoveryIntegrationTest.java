package dev.starkbot.job.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.starkbot.SlowRequestApplication;
import dev.starkbot.StarkBotApplication;
import dev.starkbot.testing.Await;
import dev.starkbot.testing.StarkBotProcess;
import dev.starkbot.testing.StorageTest;
import dev.starkbot.testing.TestDatabase;

/** A job whose process is killed mid-run (SIGKILL, no goodbye) runs again once StarkBot is back. */
@StorageTest
class JobRecoveryIntegrationTest {

    @Test
    void aJobKilledMidRunRunsAgainAfterRestart() throws Exception {
        Map<String, String> database = TestDatabase.fresh();
        List<String> args = new ArrayList<>();
        database.forEach((key, value) -> args.add("--" + key + "=" + value));
        String jobId;
        Process killed;
        try (StarkBotProcess starkbot = StarkBotProcess.start(
                Path.of(database.get("starkbot.data-dir")).resolve("killed.log"),
                List.of("-Dstarkbot.test.block=true"), Map.of(), args)) {
            starkbot.awaitHealthy(Duration.ofSeconds(90));
            jobId = starkbot.http().get("/test/jobs/block").body();
            starkbot.await("the job to start", Duration.ofSeconds(60),
                    () -> starkbot.log().contains("blocking job started"));
            killed = starkbot.process();
        } // SIGKILL
        assertThat(killed.waitFor(30, TimeUnit.SECONDS)).isTrue();

        args.addAll(List.of("--starkbot.jobs.heartbeat-interval=300ms", "--starkbot.jobs.missed-heartbeats=4",
                "--starkbot.jobs.polling-interval=200ms"));
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(StarkBotApplication.class,
                SlowRequestApplication.SlowEndpoint.class).web(WebApplicationType.NONE)
                .run(args.toArray(String[]::new))) {
            JdbcClient jdbc = context.getBean(JdbcClient.class);
            String id = jobId;
            Await.until("the job to be recovered", Duration.ofSeconds(60), () -> "completed".equals(jdbc
                    .sql("SELECT status FROM jobs WHERE id = ?").param(id).query(String.class).single()));
            assertThat(jdbc.sql("SELECT attempts FROM jobs WHERE id = ?").param(id).query(Integer.class).single())
                    .isEqualTo(2);
            assertThat(jdbc.sql("SELECT result FROM jobs WHERE id = ?").param(id).query(String.class).single())
                    .isEqualTo("resumed on attempt 2");
        }
    }
}
