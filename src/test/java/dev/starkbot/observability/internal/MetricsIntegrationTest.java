package dev.starkbot.observability.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;

import dev.starkbot.testing.Http;

class MetricsIntegrationTest {

    private static final String TOKEN = "metrics-token-for-tests-0123456789";

    @Nested
    @SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
            properties = "starkbot.metrics.token=" + TOKEN)
    class WithToken {

        @LocalServerPort
        int port;

        @Test
        void refusesMissingAndWrongTokens() {
            Http http = new Http(port);
            for (HttpResponse<String> response : List.of(
                    http.get("/metrics"),
                    http.get("/metrics", "Authorization", "Bearer wrong-token"),
                    http.get("/metrics", "Authorization", "Basic " + TOKEN))) {
                assertThat(response.statusCode()).isEqualTo(401);
                assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                        v -> assertThat(v).startsWith("Bearer"));
                assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
                assertThat(response.body()).doesNotContain(TOKEN);
            }
        }

        @Test
        void servesPrometheusTextWithHelpForEveryFamilyAndTotalOnCounters() {
            Http http = new Http(port);
            http.get("/health");
            http.get("/no/such/route");

            HttpResponse<String> response = http.get("/metrics", "Authorization", "Bearer " + TOKEN);

            assertThat(response.statusCode()).isEqualTo(200);
            String text = response.body();
            assertThat(text).contains("jvm_memory_used_bytes", "http_server_requests_seconds",
                    "hikaricp_connections", "starkbot_build_info", "starkbot_http_problems_total",
                    "starkbot_database_ping_seconds");
            Set<String> helped = new HashSet<>();
            Matcher help = Pattern.compile("(?m)^# HELP (\\S+) \\S").matcher(text);
            while (help.find()) {
                helped.add(help.group(1));
            }
            Matcher type = Pattern.compile("(?m)^# TYPE (\\S+) (\\S+)$").matcher(text);
            int families = 0;
            while (type.find()) {
                families++;
                assertThat(helped).as("HELP for " + type.group(1)).contains(type.group(1));
                if (type.group(2).equals("counter")) {
                    assertThat(type.group(1)).endsWith("_total");
                }
            }
            assertThat(families).isGreaterThan(20);
        }
    }

    @Nested
    @SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
    class WithoutToken {

        @LocalServerPort
        int port;

        @Test
        void metricsAreNotServedOnTheMainPort() {
            HttpResponse<String> response = new Http(port).get("/metrics", "Authorization", "Bearer anything");
            assertThat(response.statusCode()).isEqualTo(404);
            assertThat(response.body()).contains("starkbot.metrics.token");
        }
    }

    @Nested
    @SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
            properties = "management.server.port=0")
    class OnAManagementPort {

        @LocalServerPort
        int port;

        @LocalManagementPort
        int managementPort;

        @Autowired
        Environment environment;

        @Test
        void metricsAreServedOnTheSeparatePortAndHealthStaysOnTheMainOne() {
            assertThat(new Http(managementPort).get("/metrics").statusCode()).isEqualTo(200);
            assertThat(new Http(port).get("/metrics").statusCode()).isEqualTo(404);
            assertThat(new Http(port).get("/health").statusCode()).isEqualTo(200);
            // Unauthenticated metrics must not reach the network by default.
            assertThat(environment.getProperty("management.server.address")).isEqualTo("127.0.0.1");
        }
    }
}
