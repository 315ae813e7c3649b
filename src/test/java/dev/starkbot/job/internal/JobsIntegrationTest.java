package dev.starkbot.job.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import dev.starkbot.job.JobService;
import dev.starkbot.testing.Http;
import dev.starkbot.testing.StorageTest;
import dev.starkbot.testing.TestUser;
import dev.starkbot.testing.WsClient;
import tools.jackson.databind.JsonNode;

@StorageTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "starkbot.rate-limit.enabled=false", "starkbot.accounts.registration=open",
        "starkbot.jobs.polling-interval=200ms", "starkbot.jobs.retry-backoff=100ms"})
@Import(TestJobs.class)
class JobsIntegrationTest {


    @LocalServerPort
    int port;

    @Autowired
    JobService jobs;

    @Autowired
    TransactionTemplate transaction;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aJobRunsAndItsOwnerSeesTheResultAndNobodyElseDoes() throws Exception {
        TestUser alice = signUp("alice");
        TestUser bob = signUp("bob");
        String id = jobs.enqueue("test.echo", alice.id(), "hello", 1);

        JsonNode done = awaitStatus(alice, id, "completed");
        assertThat(done.path("result").asString()).isEqualTo("echo: hello");
        assertThat(done.path("progressPercent").asInt()).isEqualTo(100);
        assertThat(done.path("attempts").asInt()).isEqualTo(1);

        assertThat(http().get("/api/jobs/" + id, bob.bearer()).statusCode()).isEqualTo(404);
        JsonNode listed = Http.json(http().get("/api/jobs?status=completed", alice.bearer()));
        assertThat(listed.valueStream().map(j -> j.path("id").asString())).contains(id);
        assertThat(Http.json(http().get("/api/jobs", bob.bearer())).size()).isZero();
    }

    @Test
    void failuresAreRetriedWithBackoffUntilAttemptsRunOut() throws Exception {
        TestUser owner = signUp("carol");
        String flaky = jobs.enqueue("test.flaky", owner.id(), null, 3);
        JsonNode recovered = awaitStatus(owner, flaky, "completed");
        assertThat(recovered.path("attempts").asInt()).isEqualTo(3);
        assertThat(recovered.path("result").asString()).isEqualTo("made it on attempt 3");

        String hopeless = jobs.enqueue("test.hopeless", owner.id(), null, 2);
        JsonNode failed = awaitStatus(owner, hopeless, "failed");
        assertThat(failed.path("attempts").asInt()).isEqualTo(2);
        assertThat(failed.path("error").asString()).isEqualTo("never works");

        HttpResponse<String> retried = http().call("POST", "/api/jobs/" + hopeless + "/retry", null, owner.bearer());
        assertThat(retried.statusCode()).isEqualTo(200);
        assertThat(Http.json(retried).path("status").asString()).isEqualTo("pending");
        assertThat(awaitStatus(owner, hopeless, "failed").path("attempts").asInt()).isEqualTo(2);
        assertThat(http().call("POST", "/api/jobs/" + flaky + "/retry", null, owner.bearer()).statusCode())
                .isEqualTo(409);
    }

    @Test
    void aRunningJobCanBeCancelledAndItsProgressIsPublished() throws Exception {
        TestUser owner = signUp("dave");
        try (WsClient ws = WsClient.connect(port, owner.bearer())) {
            ws.call("{\"jsonrpc\":\"2.0\",\"method\":\"subscribe\",\"params\":{\"topics\":[\"jobs\"]},\"id\":1}");
            String id = jobs.enqueue("test.patient", owner.id(), null, 1);
            JsonNode running = await(() -> {
                JsonNode job = Http.json(http().get("/api/jobs/" + id, owner.bearer()));
                return job.path("progressMessage").asString("").startsWith("step") ? job : null;
            });
            assertThat(running.path("status").asString()).isEqualTo("running");
            assertThat(running.path("startedAt").isNull()).isFalse();

            JsonNode cancelled = Http.json(http().call("POST", "/api/jobs/" + id + "/cancel", null, owner.bearer()));
            assertThat(cancelled.path("status").asString()).isEqualTo("cancelled");
            assertThat(http().call("POST", "/api/jobs/" + id + "/cancel", null, owner.bearer()).statusCode())
                    .isEqualTo(409);

            boolean sawProgress = false;
            boolean sawCancelled = false;
            Instant deadline = Instant.now().plusSeconds(15);
            while (!(sawProgress && sawCancelled) && Instant.now().isBefore(deadline)) {
                JsonNode event = ws.nextJson().path("params");
                if (event.path("topic").asString().equals("jobs")) {
                    sawProgress |= event.path("data").path("progressMessage").asString("").startsWith("step");
                    sawCancelled |= event.path("type").asString().equals("job.cancelled");
                }
            }
            assertThat(sawProgress).isTrue();
            assertThat(sawCancelled).isTrue();
            ws.send("{\"jsonrpc\":\"2.0\",\"method\":\"jobs.get\",\"params\":{\"id\":\"" + id + "\"},\"id\":2}");
            JsonNode viaRpc = ws.nextJson();
            while (!viaRpc.has("id")) {
                viaRpc = ws.nextJson(); // events still on their way come first
            }
            assertThat(viaRpc.path("result").path("status").asString()).isEqualTo("cancelled");
        }
    }

    @Test
    void aRetryRightAfterACancelStopsTheOldRunAndTheRecordFollowsTheNewOne() throws Exception {
        TestUser owner = signUp("erin");
        String id = jobs.enqueue("test.patient", owner.id(), null, 1);
        awaitStatus(owner, id, "running");
        http().call("POST", "/api/jobs/" + id + "/cancel", null, owner.bearer());
        JsonNode retried = Http.json(http().call("POST", "/api/jobs/" + id + "/retry", null, owner.bearer()));
        assertThat(retried.path("status").asString()).isEqualTo("pending");
        JsonNode running = await(() -> {
            JsonNode job = Http.json(http().get("/api/jobs/" + id, owner.bearer()));
            return job.path("status").asString().equals("running") && job.path("progressPercent").asInt() > 3
                    ? job : null;
        });
        // The old run may overlap the new one by at most one step; it then sees that it was superseded and stops,
        // and nothing it did after the cancel touched the record (every update is tied to the run's token).
        assertThat(running.path("attempts").asInt()).isEqualTo(1);
        await(() -> TestJobs.PATIENT_ACTIVE.get() == 1 ? running : null);
        http().call("POST", "/api/jobs/" + id + "/cancel", null, owner.bearer());
    }

    @Test
    void aJobStartedInATransactionExistsOnlyIfItCommits() throws Exception {
        TestUser owner = signUp("frank");
        String[] rolledBack = new String[1];
        transaction.executeWithoutResult(status -> {
            rolledBack[0] = jobs.enqueue("test.echo", owner.id(), "never", 1);
            status.setRollbackOnly();
        });
        assertThat(jobs.find(rolledBack[0])).isEmpty();
        assertThat(jdbc.sql("SELECT count(*) FROM scheduled_tasks WHERE task_instance LIKE ?")
                .param(rolledBack[0] + "%").query(Long.class).single()).isZero();

        String committed = transaction.execute(status -> jobs.enqueue("test.echo", owner.id(), "kept", 1));
        assertThat(awaitStatus(owner, committed, "completed").path("result").asString()).isEqualTo("echo: kept");
    }

    private JsonNode awaitStatus(TestUser owner, String id, String status) throws InterruptedException {
        return await(() -> {
            JsonNode job = Http.json(http().get("/api/jobs/" + id, owner.bearer()));
            return job.path("status").asString().equals(status) ? job : null;
        });
    }

    private static JsonNode await(Supplier<JsonNode> probe) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (Instant.now().isBefore(deadline)) {
            JsonNode found = probe.get();
            if (found != null) {
                return found;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("not reached within 20 s");
    }

    private TestUser signUp(String name) {
        return TestUser.signUp(http(), name);
    }

    private Http http() {
        return new Http(port);
    }
}
