package dev.starkbot.platform.internal;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.starkbot.platform.AccessPolicy;
import dev.starkbot.platform.ChatKind;
import dev.starkbot.platform.IncomingMessage;
import dev.starkbot.platform.PairingRequested;
import dev.starkbot.testing.Http;
import dev.starkbot.testing.MutableClock;
import dev.starkbot.testing.StorageTest;
import dev.starkbot.user.Principal;
import dev.starkbot.user.Role;

/**
 * What the storage and the HTTP tests of platform access share, one application context among them: the bootstrap
 * admin below is its installation owner, and open registration lets tests sign up users of their own. Its
 * subclasses run on both databases.
 */
@StorageTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "starkbot.rate-limit.enabled=false", "starkbot.accounts.registration=open",
        "starkbot.admin.username=" + AccessTestSupport.ADMIN,
        "starkbot.admin.password=" + AccessTestSupport.PASSWORD})
@Import({MutableClock.Config.class, AccessTestSupport.Events.class})
abstract class AccessTestSupport {

    static final String ADMIN = "platform-admin";
    static final String PASSWORD = "platform admin password";
    static final AccessPolicy PAIRING = AccessPolicy.defaults();

    @LocalServerPort
    int port;

    @Autowired
    MutableClock clock;

    @Autowired
    PlatformAccess access;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Events events;

    private String @Nullable [] admin;

    /** Every test starts far from the bound on pending codes, whatever the one before it left. */
    @AfterEach
    void forgetPairings() {
        jdbc.sql("DELETE FROM platform_pairings").update();
    }

    Http http() {
        return new Http(port);
    }

    String[] admin() {
        if (admin == null) {
            HttpResponse<String> login = http().postJson("/api/auth/login",
                    "{\"username\":\"" + ADMIN + "\",\"password\":\"" + PASSWORD + "\"}");
            admin = new String[] {"Authorization", "Bearer " + Http.json(login).path("token").asString()};
        }
        return admin;
    }

    String adminId() {
        return Http.json(http().get("/api/me", admin())).path("user").path("id").asString();
    }

    Principal adminPrincipal() {
        return new Principal(adminId(), ADMIN, Role.ADMIN, Principal.CredentialKind.SESSION_BEARER, "tests");
    }

    /** A code for an unknown sender of a direct message, asked for as the router would. */
    AccessDecision.PairingRequired pair(String senderId, String senderName) {
        return (AccessDecision.PairingRequired) access.decide(direct(senderId, senderName), PAIRING);
    }

    static IncomingMessage direct(String senderId, String senderName) {
        return message(ChatKind.DIRECT, "chat-" + senderId, senderId, senderName);
    }

    static IncomingMessage message(ChatKind kind, String chatId, String senderId, String senderName) {
        return new IncomingMessage("telegram", "bot-1", chatId, null, kind, senderId, senderName, "update-" + senderId,
                "1", "hello", List.of(), true, null, Instant.EPOCH);
    }

    /** A platform user id no other test uses. */
    static String sender(String name) {
        return name + "-" + System.nanoTime();
    }

    @TestConfiguration
    static class Events {

        final List<PairingRequested> received = new CopyOnWriteArrayList<>();

        @EventListener
        void on(PairingRequested event) {
            received.add(event);
        }
    }
}
