package dev.starkbot.web.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import dev.starkbot.user.Access;
import dev.starkbot.user.PermissionRule;
import dev.starkbot.shared.ErrorKind;
import dev.starkbot.shared.StarkBotException;
import dev.starkbot.testing.Http;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import tools.jackson.databind.JsonNode;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "starkbot.http.max-body-size=1KB")
@Import(ProblemDetailsIntegrationTest.Endpoints.class)
class ProblemDetailsIntegrationTest {

    @LocalServerPort
    int port;

    @Autowired
    MeterRegistry meters;

    @Test
    void unknownRouteIsNotFoundProblem() {
        HttpResponse<String> response = http().get("/no/such/route");
        JsonNode problem = assertProblem(response, 404, "not-found");
        assertThat(problem.path("detail").asString()).isEqualTo("No route for GET /no/such/route");
        assertThat(problem.path("instance").asString()).isEqualTo("/no/such/route");
    }

    @Test
    void malformedJsonSaysWhereAndWhat() {
        JsonNode problem = assertProblem(http().postJson("/test/echo", "{\"name\": \"a\",\n \"count\": }"), 400,
                "malformed-request");
        assertThat(problem.path("detail").asString()).startsWith("Malformed JSON at line 2, column");
    }

    @Test
    void wrongTypeNamesTheFieldWithoutJavaTypes() {
        JsonNode problem = assertProblem(http().postJson("/test/echo", "{\"name\":\"a\",\"count\":\"many\"}"), 400,
                "malformed-request");
        assertThat(problem.path("detail").asString()).contains("'count'").doesNotContain("java.");
    }

    @Test
    void missingBodyIsBadRequest() {
        JsonNode problem = assertProblem(http().postJson("/test/echo", ""), 400, "malformed-request");
        assertThat(problem.path("detail").asString()).isEqualTo("A request body is required");
    }

    @Test
    void invalidFieldsAreListed() {
        JsonNode problem = assertProblem(http().postJson("/test/echo", "{\"name\":\" \",\"count\":-1}"), 422,
                "invalid-request");
        assertThat(problem.path("errors").valueStream().map(e -> e.path("field").asString()))
                .containsExactlyInAnyOrder("name", "count");
    }

    @Test
    void declaredBodyOverTheLimitIsRefusedBeforeReading() {
        String big = "{\"name\":\"" + "x".repeat(2000) + "\",\"count\":1}";
        assertProblem(http().postJson("/test/echo", big), 413, "payload-too-large");
    }

    @Test
    void chunkedBodyOverTheLimitIsRefusedWhileReading() {
        byte[] big = ("{\"name\":\"" + "x".repeat(5000) + "\",\"count\":1}").getBytes();
        // A body publisher of unknown length makes the JDK client send it chunked, without Content-Length.
        HttpRequest request = http().request("/test/echo").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))).build();
        JsonNode problem = assertProblem(http().send(request), 413, "payload-too-large");
        assertThat(problem.path("detail").asString()).contains("1024 bytes");
    }

    @Test
    void bodyUnderTheLimitIsAccepted() {
        HttpResponse<String> response = http().postJson("/test/echo", "{\"name\":\"ok\",\"count\":2}");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(Http.json(response).path("name").asString()).isEqualTo("ok");
    }

    @Test
    void unsupportedMediaType() {
        HttpRequest request = http().request("/test/echo").header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("hello")).build();
        assertProblem(http().send(request), 415, "unsupported-media-type");
    }

    @Test
    void wrongMethod() {
        HttpResponse<String> response = http().get("/test/echo");
        assertProblem(response, 405, "method-not-allowed");
        assertThat(response.headers().firstValue("Allow")).contains("POST");
    }

    @Test
    void unexpectedFailureShowsNoInternals() {
        JsonNode problem = assertProblem(http().get("/test/crash"), 500, "internal-error");
        assertThat(problem.toString()).doesNotContain("database password").doesNotContain("Exception")
                .doesNotContain("at dev.starkbot");
        assertThat(problem.path("requestId").asString()).isNotBlank();
    }

    @Test
    void moduleExceptionMapsByKindWithRetryAfter() {
        HttpResponse<String> response = http().get("/test/busy");
        JsonNode problem = assertProblem(response, 503, "model-overloaded");
        assertThat(response.headers().firstValue("Retry-After")).contains("3");
        assertThat(problem.path("retryable").asBoolean()).isTrue();
        assertThat(problem.path("retryAfterMs").asLong()).isEqualTo(2500);
        assertThat(problem.path("detail").asString()).isEqualTo("The model is overloaded");
    }

    @Test
    void requestsTomcatRejectsBeforeAnyServletGetProblemsToo() throws Exception {
        for (String path : List.of("/a%2Fb", "/%zz")) {
            try (Socket socket = new Socket("127.0.0.1", port)) {
                socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close"
                        + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                String raw = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(raw).as(path).startsWith("HTTP/1.1 400").contains("application/problem+json")
                        .contains("\"type\":\"https://starkbot.dev/problems/malformed-request\"")
                        .doesNotContain("<html");
            }
        }
    }

    @Test
    void errorPathIsNotARoute() {
        assertProblem(http().get("/error"), 404, "not-found");
    }

    @Test
    void problemsAreCounted() {
        double before = count("404", "not-found");
        http().get("/no/such/route");
        assertThat(count("404", "not-found")).isEqualTo(before + 1);
    }

    private double count(String status, String type) {
        var counter = meters.find("starkbot.http.problems").tag("status", status).tag("type", type).counter();
        return counter == null ? 0 : counter.count();
    }

    private Http http() {
        return new Http(port);
    }

    static JsonNode assertProblem(HttpResponse<String> response, int status, String type) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
        JsonNode problem = Http.json(response);
        assertThat(problem.path("type").asString()).isEqualTo("https://starkbot.dev/problems/" + type);
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("title").asString()).isNotBlank();
        assertThat(problem.has("trace")).isFalse();
        assertThat(response.headers().firstValue("X-Request-Id")).isPresent();
        return problem;
    }

    record Echo(@NotBlank String name, @Min(0) int count) {
    }

    static final class ModelOverloaded extends StarkBotException {
        ModelOverloaded() {
            super("The model is overloaded");
        }

        @Override
        public ErrorKind kind() {
            return ErrorKind.UNAVAILABLE;
        }

        @Override
        public String type() {
            return "model-overloaded";
        }

        @Override
        public java.util.Optional<Duration> retryAfter() {
            return java.util.Optional.of(Duration.ofMillis(2500));
        }
    }

    @TestConfiguration
    @RestController
    static class Endpoints {

        /** Test endpoints need a line in the permission matrix like any other. */
        @Bean
        PermissionRule testEndpoints() {
            return PermissionRule.of(null, "/test/**", Access.PUBLIC);
        }

        @PostMapping("/test/echo")
        Echo echo(@Valid @RequestBody Echo echo) {
            return echo;
        }

        @GetMapping("/test/crash")
        String crash() {
            throw new IllegalStateException("database password was hunter2");
        }

        @GetMapping("/test/busy")
        String busy() {
            throw new ModelOverloaded();
        }
    }

}
