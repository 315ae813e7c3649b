package dev.starkbot.schedule.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.starkbot.testing.Await;
import dev.starkbot.testing.Http;
import dev.starkbot.testing.MutableClock;
import dev.starkbot.testing.StorageTest;
import dev.starkbot.testing.TestUser;
import dev.starkbot.testing.WsClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code /api/schedules} and its methods, and a schedule firing for real through them. */
@StorageTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "starkbot.rate-limit.enabled=false", "starkbot.accounts.registration=open",
        "starkbot.schedules.polling-interval=100ms", "starkbot.jobs.polling-interval=200ms",
        "starkbot.schedules.max-per-user=3", "starkbot.schedules.http.allowed-networks=127.0.0.1/32"})
@Import({MutableClock.Config.class, TestTaskActions.class})
class SchedulesIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    MutableClock clock;

    @Autowired
    ScheduleFiring firing;

    @Autowired
    ScheduleTicker ticker;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aTaskCreatedOneMinuteAheadFiresOnceOnTimeAndItsResultIsVisibleThroughTheApi() throws Exception {
        TestUser alice = signUp("alice");
        try (LoopbackServer server = LoopbackServer.answering(200, "briefing delivered");
             WsClient ws = WsClient.connect(port, alice.bearer())) {
            ws.call("{\"jsonrpc\":\"2.0\",\"method\":\"subscribe\",\"params\":{\"topics\":[\"schedules\"]},\"id\":1}");
            Instant at = clock.instant().plus(Duration.ofMinutes(1)).truncatedTo(ChronoUnit.SECONDS);
            HttpResponse<String> created = http().call("POST", "/api/schedules", body("ping", "{\"type\":\"once\","
                    + "\"at\":\"" + LocalDateTime.ofInstant(at, ZoneOffset.UTC) + "\",\"zone\":\"UTC\"}",
                    "{\"type\":\"http\",\"params\":{\"method\":\"POST\",\"url\":\"" + server.url("/ping")
                    + "\",\"body\":\"hi\"}}"), alice.bearer());
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            String id = Http.json(created).path("id").asString();
            assertThat(Http.json(created).path("nextFireAt").asString()).isEqualTo(at.toString());

            clock.advance(Duration.ofSeconds(30));
            assertThat(firing.fireDue(clock.instant())).isEmpty(); // not before its time
            clock.advance(Duration.ofSeconds(31));
            JsonNode fired = await(() -> {
                JsonNode schedule = Http.json(http().get("/api/schedules/" + id, alice.bearer()));
                return schedule.path("lastJob").path("status").asString("").equals("completed") ? schedule : null;
            });

            assertThat(server.received).singleElement().extracting(LoopbackServer.Received::body).isEqualTo("hi");
            assertThat(fired.path("lastFireAt").asString()).isEqualTo(at.toString());
            assertThat(fired.path("nextFireAt").isNull()).isTrue();
            assertThat(fired.path("upcoming").size()).isZero();
            long firedAt = jdbc.sql("SELECT fired_at FROM schedule_fires WHERE schedule_id = ? AND fire_at = ?")
                    .params(id, at.toEpochMilli()).query(Long.class).single();
            assertThat(firedAt).isGreaterThanOrEqualTo(at.toEpochMilli());
            JsonNode job = Http.json(http().get("/api/jobs/" + fired.path("lastJob").path("id").asString(),
                    alice.bearer()));
            assertThat(job.path("type").asString()).isEqualTo("schedule.run");
            assertThat(JSON.readTree(job.path("result").asString())).isEqualTo(JSON.readTree(
                    "{\"status\":200,\"body\":\"briefing delivered\",\"truncated\":false}"));

            clock.advance(Duration.ofMinutes(2));
            assertThat(firing.fireDue(clock.instant())).isEmpty();
            assertThat(server.received).hasSize(1);
            boolean sawCreated = false;
            boolean sawFired = false;
            while (!(sawCreated && sawFired)) {
                JsonNode event = ws.nextJson().path("params");
                sawCreated |= event.path("type").asString().equals("schedule.created");
                sawFired |= event.path("type").asString().equals("schedule.fired")
                        && event.path("data").path("scheduleId").asString().equals(id);
            }
        }
    }

    @Test
    void invalidSchedulesAreRefusedSayingWhatIsWrongAndWhere() {
        TestUser carol = signUp("carol");
        String ping = "{\"type\":\"test-count\"}";
        assertInvalid(carol, body("x", "{\"type\":\"cron\",\"expression\":\"0 25 * * *\",\"zone\":\"UTC\"}", ping),
                "trigger.expression", "field 'hour' (2nd of 5): 25 is out of range 0-23");
        assertInvalid(carol, body("x", "{\"type\":\"cron\",\"expression\":\"@daily\",\"zone\":\"Mars/Olympus\"}",
                ping), "trigger.zone", "'Mars/Olympus' is not an IANA time zone such as Europe/Paris");
        assertInvalid(carol, body("x", "{\"type\":\"cron\",\"expression\":\"@daily\"}", "{\"type\":\"teleport\"}"),
                "task.type", "unknown task type 'teleport'; this server knows ai-prompt, http, message, test-count");
        assertInvalid(carol, body("x", "{\"type\":\"interval\",\"every\":\"30s\"}", ping), "trigger.every",
                "must be at least 1m");
        assertInvalid(carol, body("x", "{\"type\":\"cron\",\"expression\":\"*/30 * * * * *\"}", ping),
                "trigger.expression", "fires 30s apart at times; the shortest interval allowed is 1m");
        assertInvalid(carol, body("x", "{\"type\":\"once\",\"at\":\"2020-01-01T09:00\"}", ping), "trigger.at",
                "is in the past");
        assertInvalid(carol, body("x", "{\"type\":\"cron\"}", ping), "trigger.expression",
                "is required for a cron trigger");
        assertInvalid(carol, body("x", "{\"type\":\"cron\",\"expression\":\"@daily\"}",
                "{\"type\":\"http\",\"params\":{\"url\":\"http://169.254.169.254/latest/meta-data/\"}}"),
                "task.params.url", "169.254.169.254 is a link-local address, which HTTP tasks may not call unless "
                        + "an admin allows it (starkbot.schedules.http.allow-private-networks or allowed-networks)");
        assertInvalid(carol, body("x", "{\"type\":\"interval\",\"every\":\"P100000D\"}", ping), "trigger.every",
                "must be at most 3660d");
        assertInvalid(carol, body("x", "{\"type\":\"once\",\"at\":\"+99999999-01-01T00:00\"}", ping), "trigger.at",
                "must be before the year 10000");
        assertInvalid(carol, body("", "{\"type\":\"cron\",\"expression\":\"@daily\"}", ping), "name",
                null);
        assertThat(Http.json(http().get("/api/schedules", carol.bearer())).size()).isZero();
    }

    @Test
    void schedulesAreTheirOwnersAlone() {
        TestUser dave = signUp("dave");
        TestUser erin = signUp("erin");
        String id = create(dave, body("mine", "{\"type\":\"cron\",\"expression\":\"@daily\"}",
                "{\"type\":\"test-count\"}")).path("id").asString();
        String update = body("theirs", "{\"type\":\"cron\",\"expression\":\"@hourly\"}", "{\"type\":\"test-count\"}");
        assertThat(http().get("/api/schedules/" + id, erin.bearer()).statusCode()).isEqualTo(404);
        assertThat(http().call("PUT", "/api/schedules/" + id, update, erin.bearer()).statusCode()).isEqualTo(404);
        assertThat(http().call("POST", "/api/schedules/" + id + "/disable", null, erin.bearer()).statusCode())
                .isEqualTo(404);
        assertThat(http().call("DELETE", "/api/schedules/" + id, null, erin.bearer()).statusCode()).isEqualTo(404);
        assertThat(Http.json(http().get("/api/schedules", erin.bearer())).size()).isZero();
        JsonNode unchanged = Http.json(http().get("/api/schedules/" + id, dave.bearer()));
        assertThat(unchanged.path("name").asString()).isEqualTo("mine");
        assertThat(unchanged.path("enabled").asBoolean()).isTrue();
    }

    @Test
    void aScheduleIsCreatedChangedDisabledEnabledAndDeletedAndTheLimitHolds() throws Exception {
        TestUser frank = signUp("frank");
        JsonNode created = create(frank, body("weekdays", "{\"type\":\"cron\",\"expression\":\"0 9 * * MON-FRI\","
                + "\"zone\":\"Europe/London\"}", "{\"type\":\"test-count\",\"params\":{\"note\":\"x\"}}"));
        String id = created.path("id").asString();
        assertThat(created.path("trigger")).isEqualTo(JSON.readTree(
                "{\"type\":\"cron\",\"expression\":\"0 9 * * MON-FRI\",\"zone\":\"Europe/London\"}"));
        assertThat(created.path("task").path("params").path("note").asString()).isEqualTo("x");
        assertThat(created.path("missedRuns").asString()).isEqualTo("run-once");
        assertThat(created.path("maxAttempts").asInt()).isEqualTo(3);
        assertThat(created.path("upcoming").size()).isEqualTo(5);
        assertThat(created.path("upcoming").get(0).path("local").asString()).matches(
                "\\d{4}-\\d\\d-\\d\\dT09:00:00Z|\\d{4}-\\d\\d-\\d\\dT09:00:00\\+01:00");

        JsonNode changed = Http.json(http().call("PUT", "/api/schedules/" + id, "{\"name\":\"every 2h\","
                + "\"trigger\":{\"type\":\"interval\",\"every\":\"2h\",\"zone\":\"Asia/Kolkata\"},"
                + "\"task\":{\"type\":\"test-count\"},\"missedRuns\":\"skip\",\"maxAttempts\":1}", frank.bearer()));
        assertThat(changed.path("trigger").path("every").asString()).isEqualTo("PT2H");
        assertThat(changed.path("missedRuns").asString()).isEqualTo("skip");
        assertThat(Instant.parse(changed.path("nextFireAt").asString()))
                .isEqualTo(clock.instant().truncatedTo(ChronoUnit.SECONDS).plus(Duration.ofHours(2)));
        assertThat(changed.path("upcoming").get(0).path("local").asString()).endsWith("+05:30");

        JsonNode disabled = Http.json(http().call("POST", "/api/schedules/" + id + "/disable", null,
                frank.bearer()));
        assertThat(disabled.path("enabled").asBoolean()).isFalse();
        assertThat(disabled.path("nextFireAt").isNull()).isTrue();
        JsonNode enabled = Http.json(http().call("POST", "/api/schedules/" + id + "/enable", null, frank.bearer()));
        assertThat(enabled.path("nextFireAt").asString()).as(enabled.toString())
                .isEqualTo(changed.path("nextFireAt").asString());
        ticker.stop(); // due, but not polled yet: enabling it again must not skip that fire time
        try {
            clock.advance(Duration.ofHours(3));
            assertThat(Http.json(http().call("POST", "/api/schedules/" + id + "/enable", null, frank.bearer()))
                    .path("nextFireAt").asString()).isEqualTo(changed.path("nextFireAt").asString());
        } finally {
            ticker.start();
        }

        create(frank, body("two", "{\"type\":\"cron\",\"expression\":\"@daily\"}", "{\"type\":\"test-count\"}"));
        create(frank, body("three", "{\"type\":\"cron\",\"expression\":\"@daily\"}", "{\"type\":\"test-count\"}"));
        HttpResponse<String> fourth = http().call("POST", "/api/schedules", body("four",
                "{\"type\":\"cron\",\"expression\":\"@daily\"}", "{\"type\":\"test-count\"}"), frank.bearer());
        assertThat(fourth.statusCode()).isEqualTo(409);
        assertThat(Http.json(fourth).path("type").asString()).endsWith("/schedule-limit");

        assertThat(http().call("DELETE", "/api/schedules/" + id, null, frank.bearer()).statusCode()).isEqualTo(204);
        assertThat(http().get("/api/schedules/" + id, frank.bearer()).statusCode()).isEqualTo(404);
        assertThat(Http.json(http().get("/api/schedules", frank.bearer())).size()).isEqualTo(2);
    }

    @Test
    void aPreviewShowsTheNextFireTimesInTheZoneAlsoOverTheGateway() throws Exception {
        TestUser grace = signUp("grace");
        JsonNode preview = Http.json(http().call("POST", "/api/schedules/preview", "{\"trigger\":{\"type\":\"once\","
                + "\"at\":\"2027-03-14T02:30\",\"zone\":\"America/New_York\"},\"count\":3}", grace.bearer()));
        assertThat(preview).isEqualTo(JSON.readTree("[{\"at\":\"2027-03-14T07:00:00Z\","
                + "\"local\":\"2027-03-14T03:00:00-04:00\"}]"));
        assertThat(http().call("POST", "/api/schedules/preview", "{\"trigger\":{\"type\":\"cron\","
                + "\"expression\":\"@hourly\"},\"count\":51}", grace.bearer()).statusCode()).isEqualTo(422);
        try (WsClient ws = WsClient.connect(port, grace.bearer())) {
            JsonNode rpc = ws.call("{\"jsonrpc\":\"2.0\",\"method\":\"schedules.preview\",\"params\":{\"trigger\":"
                    + "{\"type\":\"cron\",\"expression\":\"0 12 * * *\",\"zone\":\"Asia/Kolkata\"},\"count\":2},"
                    + "\"id\":1}");
            assertThat(rpc.path("result").size()).as(rpc.toString()).isEqualTo(2);
            assertThat(rpc.path("result").get(0).path("local").asString()).endsWith("T12:00:00+05:30");
            JsonNode invalid = ws.call("{\"jsonrpc\":\"2.0\",\"method\":\"schedules.preview\",\"params\":"
                    + "{\"trigger\":{\"type\":\"cron\",\"expression\":\"0 0 30 2 *\"}},\"id\":2}");
            assertThat(invalid.path("error").path("message").asString())
                    .isEqualTo("trigger.expression: never fires (no date matches it)");
        }
    }

    private void assertInvalid(TestUser who, String body, String field, String message) {
        HttpResponse<String> response = http().call("POST", "/api/schedules", body, who.bearer());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(422);
        JsonNode problem = Http.json(response);
        assertThat(problem.path("type").asString()).endsWith("/invalid-request");
        assertThat(problem.path("errors").size()).as(response.body()).isEqualTo(1);
        assertThat(problem.path("errors").get(0).path("field").asString()).isEqualTo(field);
        if (message != null) {
            assertThat(problem.path("errors").get(0).path("message").asString()).isEqualTo(message);
        }
    }

    private JsonNode create(TestUser who, String body) {
        HttpResponse<String> response = http().call("POST", "/api/schedules", body, who.bearer());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return Http.json(response);
    }

    private static String body(String name, String trigger, String task) {
        return "{\"name\":\"" + name + "\",\"trigger\":" + trigger + ",\"task\":" + task + "}";
    }

    private static JsonNode await(Supplier<JsonNode> probe) throws InterruptedException {
        JsonNode[] found = new JsonNode[1];
        Await.until("the schedule's run", Duration.ofSeconds(30), () -> (found[0] = probe.get()) != null);
        return found[0];
    }

    private TestUser signUp(String name) {
        return TestUser.signUp(http(), name);
    }

    private Http http() {
        return new Http(port);
    }
}
