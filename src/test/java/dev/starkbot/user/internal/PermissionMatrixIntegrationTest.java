package dev.starkbot.user.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

import dev.starkbot.testing.Http;
import dev.starkbot.testing.StorageTest;
import dev.starkbot.user.Access;
import dev.starkbot.user.PermissionRule;
import dev.starkbot.user.Role;
import dev.starkbot.user.internal.PermissionMatrixVerifier.Endpoint;

/**
 * Walks every endpoint the application maps, discovered from Spring MVC's own handler mappings so that endpoints
 * added later are covered without editing this test, as anonymous, readonly, user and admin, and checks that each
 * gets exactly what the permission matrix allows.
 */
@StorageTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"starkbot.rate-limit.enabled=false", "starkbot.metrics.token=walker-metrics-token"})
class PermissionMatrixIntegrationTest {

    /** The only endpoints anyone may call without signing in. Adding one must be a deliberate edit here. */
    private static final Set<String> ANONYMOUS = Set.of(
            "GET /health", "GET /api/setup", "POST /api/setup", "POST /api/auth/login",
            "POST /api/auth/register", "GET /error", "POST /error", "PUT /error", "PATCH /error", "DELETE /error",
            // Discord's redirect of the owner's browser: opened by the install link's state, not by an account
            "GET /oauth2/discord/callback",
            // the dashboard's pages that show nothing of anyone's: signing in, first-run setup, the offline page,
            // and the home page, which only sends a browser on
            "GET /", "GET /login", "GET /setup", "GET /offline");

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    PermissionMatrix matrix;

    @Autowired
    AccountService accounts;

    @Autowired
    SessionService sessions;

    @Test
    void everyEndpointAnswersEachRoleExactlyAsTheMatrixSays() {
        AccountFixtures fixtures = new AccountFixtures(accounts, sessions);
        List<Endpoint> endpoints = PermissionMatrixVerifier.endpoints(context);
        assertThat(endpoints).hasSizeGreaterThan(15);
        List<String> violations = new ArrayList<>();
        Set<String> anonymous = new LinkedHashSet<>();
        Http http = new Http(port);
        Map<Role, UserRow> users = new EnumMap<>(Role.class);
        for (Role role : Role.values()) {
            users.put(role, fixtures.user(role));
        }

        for (Endpoint endpoint : endpoints) {
            String method = endpoint.method().name();
            String path = PermissionMatrixVerifier.example(endpoint.pattern());
            PermissionRule rule = matrix.find(method, path).orElseThrow(
                    () -> new AssertionError("No rule for " + method + " " + endpoint.pattern()));
            String name = method + " " + endpoint.pattern();

            if (rule.access() == Access.OWN_GUARD) {
                // Accounts do not open it, whatever the role: only its own credential does.
                check(violations, name, "anonymous", http.call(method, path, body(method)), false, 401);
                check(violations, name, "admin", http.call(method, path, body(method),
                        "Authorization", "Bearer " + fixtures.session(users.get(Role.ADMIN))), false, 401);
                if (!path.startsWith("/webhooks/")) {
                    // a webhook's own credential is its platform's signature or secret, which only runs with that
                    // platform connected: the platform's webhook tests check that it opens the endpoint
                    check(violations, name, "its own token", http.call(method, path, body(method),
                            "Authorization", "Bearer walker-metrics-token"), true, 401);
                }
                continue;
            }
            HttpResponse<String> response = http.call(method, path, body(method));
            check(violations, name, "anonymous", response, rule.access().anonymous(), 401);
            if (rule.access().anonymous()) {
                anonymous.add(name);
            }
            for (Role role : Role.values()) {
                // A fresh session for every call: some endpoints (log out) end the session they are called with.
                String token = fixtures.session(users.get(role));
                response = http.call(method, path, body(method), "Authorization", "Bearer " + token);
                check(violations, name, role.id(), response, rule.access().allows(role), 403);
            }
        }

        assertThat(violations).isEmpty();
        assertThat(anonymous).isEqualTo(ANONYMOUS);
    }

    @Test
    void anApiKeyActsWithTheNarrowerOfItsScopeAndItsOwnersRole() {
        AccountFixtures fixtures = new AccountFixtures(accounts, sessions);
        Http http = new Http(port);
        AccountFixtures.SignedIn admin = fixtures.signedIn(Role.ADMIN);
        String readonlyKey = Http.json(http.call("POST", "/api/keys", "{\"name\":\"ro\",\"scope\":\"readonly\"}",
                admin.bearer())).path("key").asString();

        assertThat(http.call("GET", "/api/me", null, "Authorization", "Bearer " + readonlyKey).statusCode())
                .isEqualTo(200);
        assertThat(http.call("GET", "/api/admin/users", null, "Authorization", "Bearer " + readonlyKey)
                .statusCode()).isEqualTo(403);
        assertThat(http.call("POST", "/api/keys", "{\"name\":\"x\"}", "Authorization", "Bearer " + readonlyKey)
                .statusCode()).isEqualTo(403);

        // Credentials are managed by a person signed in, never by a key: a leaked key cannot take the account over.
        String adminKey = Http.json(http.call("POST", "/api/keys", "{\"name\":\"full\"}", admin.bearer()))
                .path("key").asString();
        String[] asKey = {"Authorization", "Bearer " + adminKey};
        assertThat(http.call("POST", "/api/keys", "{\"name\":\"minted\"}", asKey).statusCode()).isEqualTo(403);
        assertThat(http.call("POST", "/api/me/password", "{\"currentPassword\":\"x\",\"newPassword\":\"y\"}",
                asKey).statusCode()).isEqualTo(403);
        assertThat(http.call("DELETE", "/api/sessions/any-id", null, asKey).statusCode()).isEqualTo(403);
        assertThat(http.call("GET", "/api/admin/users", null, asKey).statusCode()).isEqualTo(200);

        AccountFixtures.SignedIn user = fixtures.signedIn(Role.USER);
        HttpResponse<String> tooWide = http.call("POST", "/api/keys", "{\"name\":\"x\",\"scope\":\"admin\"}",
                user.bearer());
        assertThat(tooWide.statusCode()).isEqualTo(422);
        assertThat(Http.json(tooWide).path("type").asString()).endsWith("/scope-too-wide");
    }

    private static void check(List<String> violations, String endpoint, String who, HttpResponse<String> response,
                              boolean allowed, int deniedStatus) {
        int status = response.statusCode();
        if (status >= 500) {
            violations.add(endpoint + " as " + who + " failed with " + status + ": " + response.body());
        } else if (allowed && (status == 401 || status == 403)) {
            violations.add(endpoint + " as " + who + " should be allowed but got " + status);
        } else if (!allowed && status != deniedStatus) {
            violations.add(endpoint + " as " + who + " should get " + deniedStatus + " but got " + status);
        }
    }

    private static String body(String method) {
        return method.equals("GET") || method.equals("DELETE") ? null : "{}";
    }
}
