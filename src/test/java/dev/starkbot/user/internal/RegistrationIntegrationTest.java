package dev.starkbot.user.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.UUID;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.starkbot.testing.Http;
import dev.starkbot.testing.StorageTest;
import dev.starkbot.user.Role;
import tools.jackson.databind.JsonNode;

@StorageTest
class RegistrationIntegrationTest {

    static String register(String username, String inviteCode) {
        return "{\"username\":\"" + username + "\",\"password\":\"" + AccountFixtures.PASSWORD + "\""
                + (inviteCode == null ? "" : ",\"inviteCode\":\"" + inviteCode + "\"") + "}";
    }

    static String name() {
        return "new-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static HttpResponse<String> login(Http http, String username) {
        return http.call("POST", "/api/auth/login",
                "{\"username\":\"" + username + "\",\"password\":\"" + AccountFixtures.PASSWORD + "\"}");
    }

    @Nested
    @SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
            properties = "starkbot.rate-limit.enabled=false")
    class ByInvite {

        @LocalServerPort
        int port;

        @Autowired
        AccountService accounts;

        @Autowired
        SessionService sessions;

        @Test
        void registrationNeedsASingleUseInviteThatCarriesTheRole() {
            Http http = new Http(port);
            AccountFixtures.SignedIn admin = new AccountFixtures(accounts, sessions).signedIn(Role.ADMIN);

            HttpResponse<String> uninvited = http.call("POST", "/api/auth/register", register(name(), null));
            assertThat(uninvited.statusCode()).isEqualTo(422);
            assertThat(Http.json(uninvited).path("type").asString()).endsWith("/invite-required");

            JsonNode invite = Http.json(http.call("POST", "/api/admin/invites", "{\"role\":\"readonly\"}",
                    admin.bearer()));
            String code = invite.path("code").asString();
            assertThat(code).startsWith("sbi_");

            String first = name();
            HttpResponse<String> registered = http.call("POST", "/api/auth/register", register(first, code));
            assertThat(registered.statusCode()).isEqualTo(201);
            assertThat(Http.json(registered).path("role").asString()).isEqualTo("readonly");
            assertThat(login(http, first).statusCode()).isEqualTo(200);

            HttpResponse<String> reused = http.call("POST", "/api/auth/register", register(name(), code));
            assertThat(reused.statusCode()).isEqualTo(422);
            assertThat(Http.json(reused).path("type").asString()).endsWith("/invalid-invite");

            JsonNode listed = Http.json(http.call("GET", "/api/admin/invites", null, admin.bearer()));
            assertThat(listed.toString()).doesNotContain(code);
        }

        @Test
        void anInviteDiesWithItsCreatorsAdminRights() {
            Http http = new Http(port);
            AccountFixtures fixtures = new AccountFixtures(accounts, sessions);
            AccountFixtures.SignedIn root = fixtures.signedIn(Role.ADMIN);
            AccountFixtures.SignedIn former = fixtures.signedIn(Role.ADMIN);
            String code = Http.json(http.call("POST", "/api/admin/invites", "{\"role\":\"admin\"}",
                    former.bearer())).path("code").asString();
            assertThat(http.call("PATCH", "/api/admin/users/" + former.user().id(), "{\"role\":\"user\"}",
                    root.bearer()).statusCode()).isEqualTo(200);

            HttpResponse<String> registered = http.call("POST", "/api/auth/register", register(name(), code));
            assertThat(registered.statusCode()).isEqualTo(422);
            assertThat(Http.json(registered).path("type").asString()).endsWith("/invalid-invite");
        }

        @Test
        void aTakenUsernameDoesNotUseUpTheInvite() {
            Http http = new Http(port);
            AccountFixtures fixtures = new AccountFixtures(accounts, sessions);
            AccountFixtures.SignedIn admin = fixtures.signedIn(Role.ADMIN);
            String code = Http.json(http.call("POST", "/api/admin/invites", "{\"role\":\"user\"}", admin.bearer()))
                    .path("code").asString();
            UserRow existing = fixtures.user(Role.USER);

            HttpResponse<String> taken = http.call("POST", "/api/auth/register",
                    register(existing.username().toUpperCase(), code));
            assertThat(taken.statusCode()).isEqualTo(409);
            assertThat(http.call("POST", "/api/auth/register", register(name(), code)).statusCode())
                    .isEqualTo(201);
        }
    }

    @Nested
    @SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
            properties = {"starkbot.rate-limit.enabled=false", "starkbot.accounts.registration=approval"})
    class WithApproval {

        @LocalServerPort
        int port;

        @Autowired
        AccountService accounts;

        @Autowired
        SessionService sessions;

        @Test
        void newAccountsWaitForAnAdmin() {
            Http http = new Http(port);
            AccountFixtures.SignedIn admin = new AccountFixtures(accounts, sessions).signedIn(Role.ADMIN);
            String username = name();

            HttpResponse<String> registered = http.call("POST", "/api/auth/register", register(username, null));
            assertThat(registered.statusCode()).isEqualTo(201);
            assertThat(Http.json(registered).path("status").asString()).isEqualTo("pending");
            assertThat(login(http, username).statusCode()).isEqualTo(401);

            String id = Http.json(registered).path("id").asString();
            HttpResponse<String> approved = http.call("POST", "/api/admin/users/" + id + "/approve", null,
                    admin.bearer());
            assertThat(approved.statusCode()).isEqualTo(200);
            assertThat(login(http, username).statusCode()).isEqualTo(200);
        }
    }

    @Nested
    @SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
            properties = {"starkbot.rate-limit.enabled=false", "starkbot.accounts.registration=open"})
    class Open {

        @LocalServerPort
        int port;

        @Test
        void anyoneMayRegisterAsAUserButWeakPasswordsAreRefused() {
            Http http = new Http(port);
            String username = name();
            HttpResponse<String> weak = http.call("POST", "/api/auth/register",
                    "{\"username\":\"" + username + "\",\"password\":\"short\"}");
            assertThat(weak.statusCode()).isEqualTo(422);

            HttpResponse<String> registered = http.call("POST", "/api/auth/register", register(username, null));
            assertThat(registered.statusCode()).isEqualTo(201);
            assertThat(Http.json(registered).path("role").asString()).isEqualTo("user");
            assertThat(login(http, username).statusCode()).isEqualTo(200);
        }
    }
}
