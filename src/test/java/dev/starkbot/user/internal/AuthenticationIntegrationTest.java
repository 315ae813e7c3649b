package dev.starkbot.user.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.HttpCookie;
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
        "starkbot.rate-limit.enabled=false", "starkbot.accounts.session-idle-timeout=2h",
        "starkbot.accounts.session-max-age=1d"})
@Import(MutableClock.Config.class)
class AuthenticationIntegrationTest {

    @LocalServerPort
    int port;

    @Autowired
    AccountService accounts;

    @Autowired
    SessionService sessions;

    @Autowired
    MutableClock clock;

    AccountFixtures fixtures;
    Http http;

    @BeforeEach
    void setUp() {
        fixtures = new AccountFixtures(accounts, sessions);
        http = new Http(port);
    }

    @Test
    void loginGivesAnOpaqueBearerTokenThatOpensMe() {
        UserRow user = fixtures.user(Role.USER);
        HttpResponse<String> login = login(user.username(), AccountFixtures.PASSWORD, false);

        assertThat(login.statusCode()).isEqualTo(200);
        String token = Http.json(login).path("token").asString();
        assertThat(token).startsWith("sbs_").hasSizeGreaterThanOrEqualTo(4 + 43);
        assertThat(login.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith("starkbot_session="));
        JsonNode me = Http.json(http.call("GET", "/api/me", null, "Authorization", "Bearer " + token));
        assertThat(me.path("user").path("username").asString()).isEqualTo(user.username());
        assertThat(me.path("user").has("passwordHash")).isFalse();
        assertThat(me.path("credential").asString()).isEqualTo("session_bearer");
    }

    @Test
    void wrongPasswordAndUnknownUserGetTheSameAnswer() {
        UserRow user = fixtures.user(Role.USER);
        HttpResponse<String> wrong = login(user.username(), "not the password at all", false);
        HttpResponse<String> unknown = login("nobody-" + user.id(), "not the password at all", false);

        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(unknown.statusCode()).isEqualTo(401);
        JsonNode a = Http.json(wrong);
        JsonNode b = Http.json(unknown);
        assertThat(a.path("type").asString()).isEqualTo(b.path("type").asString()).endsWith("/invalid-credentials");
        assertThat(a.path("detail").asString()).isEqualTo(b.path("detail").asString());
    }

    @Test
    void logoutEndsTheSessionAndOnlyThatOne() {
        UserRow user = fixtures.user(Role.READONLY);
        String first = token(login(user.username(), AccountFixtures.PASSWORD, false));
        String second = token(login(user.username(), AccountFixtures.PASSWORD, false));

        assertThat(http.call("POST", "/api/auth/logout", null, "Authorization", "Bearer " + first).statusCode())
                .isEqualTo(204);

        assertThat(http.call("GET", "/api/me", null, "Authorization", "Bearer " + first).statusCode())
                .isEqualTo(401);
        assertThat(http.call("GET", "/api/me", null, "Authorization", "Bearer " + second).statusCode())
                .isEqualTo(200);
    }

    @Test
    void sessionsEndWhenIdleAndAtTheirMaximumAge() {
        UserRow user = fixtures.user(Role.USER);
        String idle = fixtures.session(user);
        String busy = fixtures.session(user);

        for (int hour = 0; hour < 23; hour++) {
            clock.advance(Duration.ofMinutes(61));
            assertThat(http.call("GET", "/api/me", null, "Authorization", "Bearer " + busy).statusCode())
                    .as("busy session after %d hours", hour + 1).isEqualTo(200);
        }
        assertThat(http.call("GET", "/api/me", null, "Authorization", "Bearer " + idle).statusCode())
                .isEqualTo(401);
        clock.advance(Duration.ofMinutes(61));
        HttpResponse<String> aged = http.call("GET", "/api/me", null, "Authorization", "Bearer " + busy);
        assertThat(aged.statusCode()).isEqualTo(401);
        assertThat(Http.json(aged).path("detail").asString()).contains("invalid, expired or revoked");
    }

    @Test
    void usersListAndRevokeTheirOwnSessionsOnly() {
        AccountFixtures.SignedIn alice = fixtures.signedIn(Role.USER);
        AccountFixtures.SignedIn bob = fixtures.signedIn(Role.USER);
        String aliceOther = fixtures.session(alice.user());

        JsonNode list = Http.json(http.call("GET", "/api/sessions", null, alice.bearer()));
        assertThat(list.size()).isEqualTo(2);
        assertThat(list.valueStream().filter(s -> s.path("current").asBoolean()).count()).isEqualTo(1);
        String otherId = list.valueStream().filter(s -> !s.path("current").asBoolean()).findFirst().orElseThrow()
                .path("id").asString();

        // Bob guessing (here: knowing) Alice's session id finds nothing.
        assertThat(http.call("DELETE", "/api/sessions/" + otherId, null, bob.bearer()).statusCode()).isEqualTo(404);
        assertThat(http.call("GET", "/api/me", null, "Authorization", "Bearer " + aliceOther).statusCode())
                .isEqualTo(200);

        assertThat(http.call("DELETE", "/api/sessions/" + otherId, null, alice.bearer()).statusCode())
                .isEqualTo(204);
        assertThat(http.call("GET", "/api/me", null, "Authorization", "Bearer " + aliceOther).statusCode())
                .isEqualTo(401);
    }

    @Test
    void apiKeyWorksOnceCreatedAndFailsOnceRevoked() {
        AccountFixtures.SignedIn owner = fixtures.signedIn(Role.USER);
        HttpResponse<String> created = http.call("POST", "/api/keys", "{\"name\":\"backup script\"}",
                owner.bearer());
        assertThat(created.statusCode()).isEqualTo(201);
        String key = Http.json(created).path("key").asString();
        String id = Http.json(created).path("apiKey").path("id").asString();
        assertThat(key).startsWith("sbk_");
        assertThat(Http.json(created).path("apiKey").path("scope").asString()).isEqualTo("user");

        HttpResponse<String> me = http.call("GET", "/api/me", null, "Authorization", "Bearer " + key);
        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(Http.json(me).path("credential").asString()).isEqualTo("api_key");
        JsonNode listed = Http.json(http.call("GET", "/api/keys", null, owner.bearer())).get(0);
        assertThat(listed.path("lastUsedAt").isNull()).isFalse();
        assertThat(listed.toString()).doesNotContain(key);

        assertThat(http.call("DELETE", "/api/keys/" + id, null, owner.bearer()).statusCode()).isEqualTo(204);
        assertThat(http.call("GET", "/api/me", null, "Authorization", "Bearer " + key).statusCode())
                .isEqualTo(401);
    }

    @Test
    void expiredApiKeyStopsWorking() {
        AccountFixtures.SignedIn owner = fixtures.signedIn(Role.USER);
        String expires = clock.instant().plus(Duration.ofHours(1)).toString();
        String key = Http.json(http.call("POST", "/api/keys",
                "{\"name\":\"temp\",\"expiresAt\":\"" + expires + "\"}", owner.bearer())).path("key").asString();
        assertThat(http.call("GET", "/api/me", null, "Authorization", "Bearer " + key).statusCode()).isEqualTo(200);
        clock.advance(Duration.ofMinutes(61));
        assertThat(http.call("GET", "/api/me", null, "Authorization", "Bearer " + key).statusCode()).isEqualTo(401);
    }

    @Test
    void aUserCannotReachAnotherUsersKeysByGuessingIds() {
        AccountFixtures.SignedIn alice = fixtures.signedIn(Role.USER);
        AccountFixtures.SignedIn mallory = fixtures.signedIn(Role.ADMIN);
        JsonNode created = Http.json(http.call("POST", "/api/keys", "{\"name\":\"alice\"}", alice.bearer()));
        String id = created.path("apiKey").path("id").asString();

        assertThat(Http.json(http.call("GET", "/api/keys", null, mallory.bearer())).size()).isZero();
        HttpResponse<String> revoke = http.call("DELETE", "/api/keys/" + id, null, mallory.bearer());
        assertThat(revoke.statusCode()).isEqualTo(404);
        assertThat(http.call("GET", "/api/me", null, "Authorization", "Bearer " + created.path("key").asString())
                .statusCode()).isEqualTo(200);
    }

    @Test
    void passwordChangeEndsEveryOtherSession() {
        UserRow user = fixtures.user(Role.READONLY);
        String current = fixtures.session(user);
        String other = fixtures.session(user);

        HttpResponse<String> wrong = http.call("POST", "/api/me/password",
                "{\"currentPassword\":\"wrong password!!\",\"newPassword\":\"a brand new password\"}",
                "Authorization", "Bearer " + current);
        assertThat(wrong.statusCode()).isEqualTo(422);
        HttpResponse<String> changed = http.call("POST", "/api/me/password",
                "{\"currentPassword\":\"" + AccountFixtures.PASSWORD + "\",\"newPassword\":\"a brand new password\"}",
                "Authorization", "Bearer " + current);
        assertThat(changed.statusCode()).isEqualTo(204);

        assertThat(http.call("GET", "/api/me", null, "Authorization", "Bearer " + current).statusCode())
                .isEqualTo(200);
        assertThat(http.call("GET", "/api/me", null, "Authorization", "Bearer " + other).statusCode())
                .isEqualTo(401);
        assertThat(login(user.username(), "a brand new password", false).statusCode()).isEqualTo(200);
    }

    @Test
    void disablingAUserEndsTheirSessionsAndLogins() {
        AccountFixtures.SignedIn admin = fixtures.signedIn(Role.ADMIN);
        AccountFixtures.SignedIn user = fixtures.signedIn(Role.USER);

        HttpResponse<String> disabled = http.call("PATCH", "/api/admin/users/" + user.user().id(),
                "{\"status\":\"disabled\"}", admin.bearer());
        assertThat(disabled.statusCode()).isEqualTo(200);

        assertThat(http.call("GET", "/api/me", null, user.bearer()).statusCode()).isEqualTo(401);
        assertThat(login(user.user().username(), AccountFixtures.PASSWORD, false).statusCode()).isEqualTo(401);
        JsonNode audit = Http.json(http.call("GET", "/api/admin/audit?type=user.status-changed", null,
                admin.bearer()));
        assertThat(audit.valueStream().map(e -> e.path("target").asString())).contains(user.user().id());
    }

    @Test
    void dashboardCookieSessionNeedsACsrfTokenForChanges() {
        UserRow user = fixtures.user(Role.USER);
        HttpResponse<String> login = login(user.username(), AccountFixtures.PASSWORD, true);
        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(Http.json(login).has("token")).isFalse();
        String setCookie = login.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("starkbot_session=")).findFirst().orElseThrow();
        assertThat(setCookie).contains("HttpOnly").contains("SameSite=Strict");
        String session = HttpCookie.parse(setCookie).getFirst().getValue();
        String xsrf = login.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("XSRF-TOKEN="))
                .map(c -> HttpCookie.parse(c).getFirst().getValue()).findFirst().orElseThrow();
        String cookies = "starkbot_session=" + session + "; XSRF-TOKEN=" + xsrf;

        assertThat(http.call("GET", "/api/me", null, "Cookie", cookies).statusCode()).isEqualTo(200);
        HttpResponse<String> forged = http.call("PATCH", "/api/me", "{\"displayName\":\"pwned\"}", "Cookie", cookies);
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(Http.json(forged).path("detail").asString()).contains("CSRF");
        HttpResponse<String> genuine = http.call("PATCH", "/api/me", "{\"displayName\":\"Alice\"}",
                "Cookie", cookies, "X-XSRF-TOKEN", xsrf);
        assertThat(genuine.statusCode()).isEqualTo(200);

        HttpResponse<String> logout = http.call("POST", "/api/auth/logout", null, "Cookie", cookies,
                "X-XSRF-TOKEN", xsrf);
        assertThat(logout.statusCode()).isEqualTo(204);
        assertThat(logout.headers().allValues("Set-Cookie")).anyMatch(c -> c.startsWith("starkbot_session=;")
                && c.contains("Max-Age=0"));
        assertThat(http.call("GET", "/api/me", null, "Cookie", cookies).statusCode()).isEqualTo(401);
    }

    @Test
    void preferencesAreValidated() {
        AccountFixtures.SignedIn user = fixtures.signedIn(Role.USER);
        assertThat(http.call("PATCH", "/api/me", "{\"timeZone\":\"Mars/Olympus\"}", user.bearer()).statusCode())
                .isEqualTo(422);
        JsonNode updated = Http.json(http.call("PATCH", "/api/me",
                "{\"timeZone\":\"Europe/Paris\",\"locale\":\"fr-FR\",\"defaultModel\":\"claude-sonnet\"}",
                user.bearer()));
        assertThat(updated.path("preferences").path("timeZone").asString()).isEqualTo("Europe/Paris");
        assertThat(accounts.preferences(user.user().id()).orElseThrow().defaultModel()).isEqualTo("claude-sonnet");
    }

    @Test
    void tokensInTheUrlAreIgnored() {
        String token = fixtures.signedIn(Role.USER).token();
        assertThat(http.call("GET", "/api/me?access_token=" + token, null).statusCode()).isEqualTo(401);
        assertThat(http.call("GET", "/api/me?token=" + token, null).statusCode()).isEqualTo(401);
    }

    private HttpResponse<String> login(String username, String password, boolean cookie) {
        return http.call("POST", "/api/auth/login",
                "{\"username\":\"" + username + "\",\"password\":\"" + password + "\",\"cookie\":" + cookie + "}");
    }

    private static String token(HttpResponse<String> login) {
        return Http.json(login).path("token").asString();
    }

}
