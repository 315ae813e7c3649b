package dev.starkbot.user.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

import dev.starkbot.testing.Http;
import dev.starkbot.testing.MutableClock;
import dev.starkbot.testing.StorageTest;
import dev.starkbot.user.Role;
import tools.jackson.databind.JsonNode;

@StorageTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "starkbot.rate-limit.enabled=false", "starkbot.accounts.login-free-failures=3",
        "starkbot.accounts.login-max-delay=1m", "starkbot.accounts.login-failure-window=15m"})
@Import(MutableClock.Config.class)
class LoginThrottleIntegrationTest {

    @LocalServerPort
    int port;

    @Autowired
    AccountService accounts;

    @Autowired
    SessionService sessions;

    @Autowired
    LoginThrottle throttle;

    @Autowired
    MutableClock clock;

    @BeforeEach
    void forgetEarlierFailures() {
        clock.advance(Duration.ofMinutes(16));
    }

    @Test
    void repeatedBadLoginsSlowDownAndAreAudited() {
        AccountFixtures fixtures = new AccountFixtures(accounts, sessions);
        UserRow victim = fixtures.user(Role.USER);
        AccountFixtures.SignedIn admin = fixtures.signedIn(Role.ADMIN);
        Http http = new Http(port);

        for (int attempt = 1; attempt <= 3; attempt++) {
            assertThat(login(http, victim.username(), "guess number " + attempt).statusCode()).isEqualTo(401);
        }
        // The fourth failure starts the delays: 1 s, then 2 s, 4 s ...
        assertThat(login(http, victim.username(), "guess number 4").statusCode()).isEqualTo(401);
        HttpResponse<String> throttled = login(http, victim.username(), AccountFixtures.PASSWORD);
        assertThat(throttled.statusCode()).as("even the right password waits").isEqualTo(429);
        assertThat(throttled.headers().firstValue("Retry-After")).contains("1");
        assertThat(Http.json(throttled).path("type").asString()).endsWith("/login-throttled");

        clock.advance(Duration.ofMillis(1100));
        assertThat(login(http, victim.username(), "guess number 5").statusCode()).isEqualTo(401);
        HttpResponse<String> longer = login(http, victim.username(), "guess number 6");
        assertThat(longer.statusCode()).isEqualTo(429);
        assertThat(longer.headers().firstValue("Retry-After")).contains("2");

        clock.advance(Duration.ofSeconds(3));
        assertThat(login(http, victim.username(), AccountFixtures.PASSWORD).statusCode()).isEqualTo(200);

        JsonNode failures = Http.json(http.call("GET", "/api/admin/audit?type=login.failed&limit=50", null,
                admin.bearer()));
        assertThat(failures.valueStream().filter(e -> victim.username().equals(e.path("actorName").asString())))
                .hasSize(5);
        JsonNode throttledEvents = Http.json(http.call("GET", "/api/admin/audit?type=login.throttled", null,
                admin.bearer()));
        assertThat(throttledEvents.size()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void wrongCurrentPasswordsOnAPasswordChangeAreThrottledLikeLogins() {
        AccountFixtures.SignedIn user = new AccountFixtures(accounts, sessions).signedIn(Role.USER);
        Http http = new Http(port);
        int status = 0;
        for (int attempt = 1; attempt <= 5 && status != 429; attempt++) {
            status = http.call("POST", "/api/me/password", "{\"currentPassword\":\"guess " + attempt
                    + "\",\"newPassword\":\"a new password here\"}", user.bearer()).statusCode();
        }
        assertThat(status).isEqualTo(429);
    }

    @Test
    void unknownUsernamesAreThrottledLikeKnownOnes() {
        Http http = new Http(port);
        String ghost = "ghost-" + System.nanoTime();
        for (int attempt = 1; attempt <= 4; attempt++) {
            assertThat(login(http, ghost, "some password " + attempt).statusCode()).isEqualTo(401);
        }
        assertThat(login(http, ghost, "some password 5").statusCode()).isEqualTo(429);
    }

    @Test
    void oneAddressGetsMoreFreeFailuresThanOneAccountAndTheCountFadesAfterTheWindow() {
        Http http = new Http(port);
        // 3 free failures per account, 15 per address: five accounts with 3 failures each pass unthrottled.
        for (int account = 0; account < 5; account++) {
            String username = "user" + account + "-" + System.nanoTime();
            for (int attempt = 1; attempt <= 3; attempt++) {
                assertThat(login(http, username, "wrong " + attempt).statusCode()).isEqualTo(401);
            }
        }
        assertThat(login(http, "one-more-" + System.nanoTime(), "wrong").statusCode()).isEqualTo(401);
        assertThat(login(http, "and-another-" + System.nanoTime(), "wrong").statusCode()).isEqualTo(429);

        clock.advance(Duration.ofMinutes(16));
        assertThat(login(http, "after-the-window-" + System.nanoTime(), "wrong").statusCode()).isEqualTo(401);
    }

    @Test
    void delaysDoubleUpToTheConfiguredMaximum() {
        assertThat(throttle.delayAfter(3)).isZero();
        assertThat(throttle.delayAfter(4)).isEqualTo(Duration.ofSeconds(1));
        assertThat(throttle.delayAfter(5)).isEqualTo(Duration.ofSeconds(2));
        assertThat(throttle.delayAfter(9)).isEqualTo(Duration.ofSeconds(32));
        assertThat(throttle.delayAfter(10)).isEqualTo(Duration.ofMinutes(1));
        assertThat(throttle.delayAfter(1000)).isEqualTo(Duration.ofMinutes(1));
    }

    private static HttpResponse<String> login(Http http, String username, String password) {
        return http.call("POST", "/api/auth/login",
                "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}");
    }
}
