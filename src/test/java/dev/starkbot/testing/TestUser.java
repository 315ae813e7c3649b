package dev.starkbot.testing;

import tools.jackson.databind.JsonNode;

/**
 * A user who registered and signed in through the HTTP API, as a client would; the server must run with
 * {@code starkbot.accounts.registration=open}. The username gets a unique suffix, so tests may reuse names.
 */
public record TestUser(String id, String token) {

    private static final String PASSWORD = "a test user's password";

    /** A new account whose username starts with {@code name}, and a session token for it. */
    public static TestUser signUp(Http http, String name) {
        return signUp(http, name, PASSWORD);
    }

    public static TestUser signUp(Http http, String name, String password) {
        String username = name + "-" + System.nanoTime();
        String credentials = "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}";
        JsonNode user = Http.json(http.postJson("/api/auth/register", credentials));
        String token = Http.json(http.postJson("/api/auth/login", credentials)).path("token").asString();
        return new TestUser(user.path("id").asString(), token);
    }

    public String[] bearer() {
        return new String[] {"Authorization", "Bearer " + token};
    }
}
