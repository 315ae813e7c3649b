package dev.starkbot.schedule.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.starkbot.schedule.spi.TaskRun;
import dev.starkbot.shared.InvalidField;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The http task against a real server on loopback: refused by default, called when an admin allows it. */
class HttpTaskActionTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpTaskAction byDefault = action(false);
    private final HttpTaskAction loopbackAllowed = action(false, "127.0.0.1/32");

    @Test
    void refusesLoopbackByDefaultWithoutSendingAnything() throws Exception {
        try (LoopbackServer server = LoopbackServer.answering(200, "hello")) {
            assertThatIllegalStateException().isThrownBy(() -> byDefault.run(run("{\"url\":\"" + server.url("/x")
                    + "\"}"))).withMessageStartingWith("Refused: 127.0.0.1 is a loopback address");
            assertThat(server.received).isEmpty();
        }
    }

    @Test
    void callsTheUrlWhenAllowedAndKeepsStatusAndBody() throws Exception {
        try (LoopbackServer server = LoopbackServer.answering(201, "{\"ok\":true}")) {
            String result = loopbackAllowed.run(run("{\"method\":\"post\",\"url\":\"" + server.url("/hook?a=1")
                    + "\",\"headers\":{\"X-Test\":\"yes\"},\"body\":\"ping\",\"timeout\":\"5s\"}"));
            assertThat(JSON.readTree(result)).isEqualTo(JSON.readTree(
                    "{\"status\":201,\"body\":\"{\\\"ok\\\":true}\",\"truncated\":false}"));
            assertThat(server.received).containsExactly(new LoopbackServer.Received("POST", "/hook?a=1", "ping",
                    "yes"));
        }
    }

    @Test
    void aStatusOtherThan2xxFailsTheAttemptAndRedirectsAreNotFollowed() throws Exception {
        try (LoopbackServer failing = LoopbackServer.answering(503, "down for maintenance");
             LoopbackServer redirecting = new LoopbackServer(exchange -> {
                 exchange.getResponseHeaders().add("Location", "http://169.254.169.254/latest/meta-data/");
                 LoopbackServer.send(exchange, 302, "");
             })) {
            assertThatIllegalStateException().isThrownBy(() -> loopbackAllowed.run(run("{\"url\":\""
                    + failing.url("/") + "\"}"))).withMessage("HTTP 503: down for maintenance");
            assertThatIllegalStateException().isThrownBy(() -> loopbackAllowed.run(run("{\"url\":\""
                    + redirecting.url("/") + "\"}"))).withMessage("HTTP 302 (redirects are not followed): ");
            assertThat(redirecting.received).hasSize(1);
        }
    }

    @Test
    void aLargeBodyIsCutAndASlowServerTimesOut() throws Exception {
        try (LoopbackServer large = LoopbackServer.answering(200, "x".repeat(1_000_000));
             LoopbackServer slow = new LoopbackServer(exchange -> {
                 try {
                     Thread.sleep(2_500);
                 } catch (InterruptedException e) {
                     Thread.currentThread().interrupt();
                 }
                 LoopbackServer.send(exchange, 200, "late");
             })) {
            JsonNode result = JSON.readTree(loopbackAllowed.run(run("{\"url\":\"" + large.url("/") + "\"}")));
            assertThat(result.path("truncated").asBoolean()).isTrue();
            assertThat(result.toString().length()).isLessThanOrEqualTo(8000);
            assertThatIllegalStateException().isThrownBy(() -> loopbackAllowed.run(run("{\"url\":\""
                    + slow.url("/") + "\",\"timeout\":\"1s\"}"))).withMessage("No complete response within 1s");
        }
    }

    @Test
    void invalidParametersAreRefusedAtSaveTimeEachWithItsField() {
        assertThat(validate(byDefault, "{\"url\":\"ftp://example.com/\",\"method\":\"BREW\",\"extra\":1}"))
                .extracting(InvalidField::field).containsExactlyInAnyOrder("url", "method", "extra");
        assertThat(validate(byDefault, "{\"url\":\"https://example.com/\",\"headers\":{\"Host\":\"x\","
                + "\"X-Ok\":\"fine\",\"Bad Name\":\"x\",\"X-Split\":\"a\\r\\nb\"},\"timeout\":\"5m\"}"))
                .extracting(InvalidField::field)
                .containsExactlyInAnyOrder("headers.Host", "headers.Bad Name", "headers.X-Split", "timeout");
        assertThat(validate(byDefault, "{\"url\":\"https://user:secret@example.com/\"}")).singleElement()
                .extracting(InvalidField::message).asString().contains("must not carry credentials");
        assertThat(validate(byDefault, "{\"url\":\"https://example.com/\",\"body\":\"x\"}")).singleElement()
                .isEqualTo(new InvalidField("body", "a GET request has no body"));
        assertThat(validate(byDefault, "{\"url\":\"https://example.com/hook\",\"method\":\"POST\"}")).isEmpty();
    }

    @Test
    void aLiteralPrivateAddressIsRefusedAtSaveTimeUnlessAllowed() {
        for (String url : List.of("http://127.0.0.1:8080/", "http://[::1]/", "http://169.254.169.254/latest/",
                "http://localhost/", "http://[::ffff:192.168.0.1]/", "http://10.0.0.1/")) {
            assertThat(validate(byDefault, "{\"url\":\"" + url + "\"}")).as(url).singleElement()
                    .extracting(InvalidField::field).isEqualTo("url");
        }
        assertThat(validate(loopbackAllowed, "{\"url\":\"http://127.0.0.1:8080/\"}")).isEmpty();
        assertThat(validate(action(true), "{\"url\":\"http://169.254.169.254/\"}")).isEmpty();
    }

    private static List<InvalidField> validate(HttpTaskAction action, String params) {
        return action.validate("owner", JSON.readTree(params));
    }

    private static HttpTaskAction action(boolean allowAll, String... allowed) {
        return new HttpTaskAction(NetworkGuardTest.guard(allowAll, allowed), NetworkGuardTest.properties(allowAll,
                allowed), JSON);
    }

    private static TaskRun run(String params) {
        JsonNode parsed = JSON.readTree(params);
        return new TaskRun() {
            @Override
            public String ownerId() {
                return "owner";
            }

            @Override
            public String scheduleId() {
                return "schedule";
            }

            @Override
            public JsonNode params() {
                return parsed;
            }

            @Override
            public Instant fireTime() {
                return Instant.EPOCH;
            }

            @Override
            public boolean cancelled() {
                return false;
            }
        };
    }

    @Test
    void theClientConnectsOnlyToAddressesTheGuardCheckedSoARebindingNameGainsNothing() {
        // the client's one lookup per connection is the guard's: a name whose second answer would be private is
        // refused at that lookup, not checked once and resolved again
        HttpTaskAction action = action(false);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> action.lookup("localhost"))
                .isInstanceOf(HttpTaskAction.RefusedAddressException.class)
                .hasMessageContaining("non-public address");
        action.close();
    }
}
