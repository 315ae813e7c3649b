package dev.starkbot.testing;

import tools.jackson.databind.JsonNode;

/**
 * Accounts for tests of other features, signed up and signed in through the real HTTP API; the server must allow
 * open registration ({@code starkbot.accounts.registration=open}).
 */
public final class TestUsers {

    private static final String PASSWORD = "a test user's password";

    public record Signed(String id, String token) {

        public String[] bearer() {
            return new String[] {"Authorization", "Bearer " + token};
        }
    }

    private TestUsers() {
    }

    /** A new account whose username starts with {@code name}, and a session token for it. */
    public static Signed signUp(Http http, String name) {
        String username = name + "-" + System.nanoTime();
        String credentials = "{\"username\":\"" + username + "\",\"password\":\"" + PASSWORD + "\"}";
        JsonNode user = Http.json(http.postJson("/api/auth/register", credentials));
        String token = Http.json(http.postJson("/api/auth/login", credentials)).path("token").asString();
        return new Signed(user.path("id").asString(), token);
    }
}
