package dev.starkbot.platform.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.starkbot.platform.internal.AccessDecision.Allowed;
import dev.starkbot.testing.Http;
import dev.starkbot.testing.TestUser;
import dev.starkbot.testing.WsClient;
import dev.starkbot.user.Role;
import tools.jackson.databind.JsonNode;

/** {@code /api/platforms}: pairing requests for admins, and each user's own identities and link codes. */
class PlatformAccessControllerIntegrationTest extends AccessTestSupport {

    @Test
    void anAdminSeesWaitingCodesApprovesOneForAUserAndRejectsAnother() {
        TestUser olga = TestUser.signUp(http(), "olga");
        String olgaTg = sender("olga-tg");
        String strangerTg = sender("stranger-tg");
        String olgaCode = pair(olgaTg, "Olga").code();
        String strangerCode = pair(strangerTg, "Stranger").code();

        JsonNode listed = Http.json(http().get("/api/platforms/pairings", admin()));
        JsonNode olgas = listed.valueStream().filter(p -> p.path("code").asString().equals(olgaCode)).findFirst()
                .orElseThrow();
        assertThat(olgas.path("platform").asString()).isEqualTo("telegram");
        assertThat(olgas.path("senderId").asString()).isEqualTo(olgaTg);
        assertThat(olgas.path("senderName").asString()).isEqualTo("Olga");
        assertThat(olgas.path("chatId").asString()).isEqualTo("chat-" + olgaTg);
        assertThat(Duration.between(Instant.parse(olgas.path("createdAt").asString()),
                Instant.parse(olgas.path("expiresAt").asString()))).isEqualTo(Duration.ofHours(1));

        HttpResponse<String> approved = http().call("POST", "/api/platforms/pairings/" + olgaCode + "/approve",
                "{\"userId\":\"" + olga.id() + "\"}", admin());
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
        assertThat(Http.json(approved).path("userId").asString()).isEqualTo(olga.id());
        JsonNode identities = Http.json(http().get("/api/platforms/identities", olga.bearer()));
        assertThat(identities.size()).isOne();
        assertThat(identities.get(0).path("platformUserId").asString()).isEqualTo(olgaTg);
        assertThat(identities.get(0).path("displayName").asString()).isEqualTo("Olga");
        assertThat(access.decide(direct(olgaTg, "Olga"), PAIRING)).isEqualTo(new Allowed(olga.id(), Role.USER,
                false));

        assertThat(http().call("DELETE", "/api/platforms/pairings/" + strangerCode, null, admin()).statusCode())
                .isEqualTo(204);
        assertThat(Http.json(http().get("/api/platforms/pairings", admin())).valueStream()
                .map(p -> p.path("code").asString())).doesNotContain(olgaCode, strangerCode);
    }

    @Test
    void approvingWithoutABodyGivesTheSenderTheirOwnAccountAndWithAUserIdLinksThatUser() {
        String bossTg = sender("boss-tg");
        String code = pair(bossTg, "Boss").code();

        HttpResponse<String> approved = http().call("POST", "/api/platforms/pairings/" + code + "/approve", null,
                admin());

        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
        assertThat(Http.json(approved).path("userId").asString()).isNotBlank().isNotEqualTo(adminId());
        assertThat(Http.json(http().get("/api/platforms/identities", admin())).valueStream()
                .map(i -> i.path("platformUserId").asString())).doesNotContain(bossTg);

        String mineTg = sender("mine-tg");
        String mine = pair(mineTg, "Me").code();
        HttpResponse<String> linked = http().call("POST", "/api/platforms/pairings/" + mine + "/approve",
                "{\"userId\":\"" + adminId() + "\"}", admin());
        assertThat(Http.json(linked).path("userId").asString()).isEqualTo(adminId());
        assertThat(Http.json(http().get("/api/platforms/identities", admin())).valueStream()
                .map(i -> i.path("platformUserId").asString())).contains(mineTg);
    }

    @Test
    void pairingCodesAreForAdminsOnly() {
        TestUser pete = TestUser.signUp(http(), "pete");
        String code = pair(sender("pete-tg"), "Pete").code();

        assertThat(http().get("/api/platforms/pairings", pete.bearer()).statusCode()).isEqualTo(403);
        assertThat(http().call("POST", "/api/platforms/pairings/" + code + "/approve",
                "{\"userId\":\"" + pete.id() + "\"}", pete.bearer()).statusCode()).isEqualTo(403);
        assertThat(http().call("DELETE", "/api/platforms/pairings/" + code, null, pete.bearer()).statusCode())
                .isEqualTo(403);
        assertThat(http().get("/api/platforms/pairings", new String[0]).statusCode()).isEqualTo(401);
        assertThat(Http.json(http().get("/api/platforms/pairings", admin())).valueStream()
                .map(p -> p.path("code").asString())).contains(code);
    }

    @Test
    void anUnknownOrExpiredCodeIsNotFoundAndAnInactiveUserCannotBeChosen() {
        String code = pair(sender("quinn-tg"), "Quinn").code();

        HttpResponse<String> unknownUser = http().call("POST", "/api/platforms/pairings/" + code + "/approve",
                "{\"userId\":\"00000000-0000-0000-0000-000000000000\"}", admin());
        assertThat(unknownUser.statusCode()).isEqualTo(422);
        assertThat(Http.json(unknownUser).path("errors").get(0).path("field").asString()).isEqualTo("userId");

        HttpResponse<String> unknown = http().call("POST", "/api/platforms/pairings/ABCDEFGH/approve", null,
                admin());
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(Http.json(unknown).path("type").asString()).endsWith("/not-found");
        assertThat(http().call("DELETE", "/api/platforms/pairings/not-a-code", null, admin()).statusCode())
                .isEqualTo(404);

        clock.advance(Duration.ofHours(1));
        HttpResponse<String> expired = http().call("POST", "/api/platforms/pairings/" + code + "/approve", null,
                admin());
        assertThat(expired.statusCode()).isEqualTo(404);
        assertThat(Http.json(expired).path("type").asString()).endsWith("/not-found");
    }

    @Test
    void aUserLinksAnAccountWithALinkCodeAndUnlinksIt() {
        TestUser rosa = TestUser.signUp(http(), "rosa");
        HttpResponse<String> created = http().call("POST", "/api/platforms/link-codes", null, rosa.bearer());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode code = Http.json(created);
        assertThat(Instant.parse(code.path("expiresAt").asString()))
                .isEqualTo(clock.instant().plus(Duration.ofMinutes(15)));
        String rosaTg = sender("rosa-tg");

        assertThat(access.link("telegram", rosaTg, "Rosa", code.path("code").asString())).isPresent();
        JsonNode identities = Http.json(http().get("/api/platforms/identities", rosa.bearer()));
        assertThat(identities.valueStream().map(i -> i.path("platformUserId").asString())).containsExactly(rosaTg);

        assertThat(http().call("DELETE", "/api/platforms/identities/telegram/" + rosaTg, null, rosa.bearer())
                .statusCode()).isEqualTo(204);
        assertThat(Http.json(http().get("/api/platforms/identities", rosa.bearer())).size()).isZero();
        assertThat(access.decide(direct(rosaTg, "Rosa"), PAIRING)).isInstanceOf(AccessDecision.PairingRequired.class);
    }

    @Test
    void onlyTheirOwnerOrAnAdminUnlinksAnIdentity() {
        TestUser sam = TestUser.signUp(http(), "sam");
        TestUser tess = TestUser.signUp(http(), "tess");
        String samTg = sender("sam-tg");
        String code = Http.json(http().call("POST", "/api/platforms/link-codes", null, sam.bearer()))
                .path("code").asString();
        access.link("telegram", samTg, "Sam", code);

        HttpResponse<String> foreign = http().call("DELETE", "/api/platforms/identities/telegram/" + samTg, null,
                tess.bearer());
        assertThat(foreign.statusCode()).isEqualTo(404);
        assertThat(Http.json(http().get("/api/platforms/identities", sam.bearer())).size()).isOne();
        assertThat(Http.json(http().get("/api/platforms/identities", tess.bearer())).size()).isZero();

        assertThat(http().call("DELETE", "/api/platforms/identities/telegram/" + samTg, null, admin())
                .statusCode()).isEqualTo(204);
        assertThat(Http.json(http().get("/api/platforms/identities", sam.bearer())).size()).isZero();
    }

    @Test
    void linkCodesNeedAPersonSignedInNotAnApiKey() {
        TestUser uma = TestUser.signUp(http(), "uma");
        String key = Http.json(http().call("POST", "/api/keys", "{\"name\":\"bot\"}", uma.bearer()))
                .path("key").asString();

        HttpResponse<String> withKey = http().call("POST", "/api/platforms/link-codes", null,
                "Authorization", "Bearer " + key);

        assertThat(withKey.statusCode()).isEqualTo(403);
        assertThat(http().get("/api/platforms/identities", "Authorization", "Bearer " + key).statusCode())
                .isEqualTo(200);
    }

    @Test
    void theSameOperationsAreJsonRpcMethods() throws Exception {
        String code = pair(sender("vera-tg"), "Vera").code();
        try (WsClient ws = WsClient.connect(port, admin())) {
            JsonNode listed = ws.call("{\"jsonrpc\":\"2.0\",\"method\":\"platforms.pairings.list\",\"id\":1}");
            assertThat(listed.path("result").valueStream().map(p -> p.path("code").asString())).contains(code);
            JsonNode approved = ws.call("{\"jsonrpc\":\"2.0\",\"method\":\"platforms.pairings.approve\","
                    + "\"params\":{\"code\":\"" + code + "\"},\"id\":2}");
            assertThat(approved.path("result").path("userId").asString()).as(approved.toString())
                    .isNotBlank().isNotEqualTo(adminId());
        }
    }
}
