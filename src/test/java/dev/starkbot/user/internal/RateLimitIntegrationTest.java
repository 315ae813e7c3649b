package dev.starkbot.user.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.starkbot.testing.Http;
import dev.starkbot.user.Role;
import tools.jackson.databind.JsonNode;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "starkbot.rate-limit.read.capacity=5", "starkbot.rate-limit.read.period=1h",
        "starkbot.rate-limit.auth.capacity=3", "starkbot.rate-limit.auth.period=1h"})
class RateLimitIntegrationTest {

    @LocalServerPort
    int port;

    @Autowired
    AccountService accounts;

    @Autowired
    SessionService sessions;

    @Test
    void eachUserHasTheirOwnBucketPerGroupAndAnEmptyOneAnswers429() {
        AccountFixtures fixtures = new AccountFixtures(accounts, sessions);
        AccountFixtures.SignedIn alice = fixtures.signedIn(Role.USER);
        AccountFixtures.SignedIn bob = fixtures.signedIn(Role.USER);
        Http http = new Http(port);

        for (int i = 0; i < 5; i++) {
            HttpResponse<String> ok = http.call("GET", "/api/me", null, alice.bearer());
            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(ok.headers().firstValue("RateLimit-Limit")).contains("5");
            assertThat(ok.headers().firstValue("RateLimit-Remaining")).contains(Integer.toString(4 - i));
            assertThat(ok.headers().firstValue("RateLimit-Reset")).isPresent();
        }
        HttpResponse<String> limited = http.call("GET", "/api/me", null, alice.bearer());
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow())).isPositive();
        JsonNode problem = Http.json(limited);
        assertThat(problem.path("type").asString()).endsWith("/rate-limited");

        assertThat(http.call("GET", "/api/me", null, bob.bearer()).statusCode()).as("Bob's own bucket")
                .isEqualTo(200);
        assertThat(http.call("POST", "/api/keys", "{\"name\":\"k\"}", alice.bearer()).statusCode())
                .as("another group").isEqualTo(201);
    }

    @Test
    void anonymousCallersAreLimitedPerAddress() {
        Http http = new Http(port);
        int limited = 0;
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> response = http.call("POST", "/api/auth/login",
                    "{\"username\":\"nobody\",\"password\":\"whatever it is\"}");
            if (response.statusCode() == 429) {
                limited++;
            }
        }
        assertThat(limited).isGreaterThanOrEqualTo(2);
    }
}
