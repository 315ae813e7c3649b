package dev.starkbot.platform.discord.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.starkbot.testing.Http;
import dev.starkbot.testing.MutableClock;
import dev.starkbot.testing.StorageTest;
import dev.starkbot.testing.TestUser;
import dev.starkbot.testing.fake.DiscordFault;
import dev.starkbot.testing.fake.DiscordUser;
import dev.starkbot.testing.fake.FakeDiscordServer;
import dev.starkbot.testing.fake.RecordedRequest;
import tools.jackson.databind.JsonNode;

/**
 * The install link and its OAuth2 code exchange over real HTTP, against the fake Discord: the admin asks for a link,
 * the owner authorizes the bot for a server on Discord, and Discord's redirect to the callback completes it.
 */
@StorageTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "starkbot.rate-limit.enabled=false", "starkbot.accounts.registration=open",
        "starkbot.admin.username=" + DiscordInstallIntegrationTest.ADMIN,
        "starkbot.admin.password=" + DiscordInstallIntegrationTest.PASSWORD,
        "starkbot.platforms.discord.redirect-url=" + DiscordInstallIntegrationTest.REDIRECT,
        "starkbot.platforms.discord.request-timeout=2s"})
@Import({MutableClock.Config.class, DiscordInstallIntegrationTest.Events.class})
class DiscordInstallIntegrationTest {

    static final String ADMIN = "discord-owner";
    static final String PASSWORD = "the discord owner's password";
    static final String REDIRECT = "https://bot.example.test/oauth2/discord/callback";
    static final String TOKEN_ROUTE = "POST /oauth2/token";
    static final FakeDiscordServer DISCORD = FakeDiscordServer.start();
    private static final DiscordUser OWNER = DiscordUser.human(7, "pepper");
    private static long nextGuild = 910_000_000_000_000_000L;

    @LocalServerPort
    int port;

    @Autowired
    MutableClock clock;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Events events;

    @Autowired
    DiscordInstallCleanup cleanup;

    private String @Nullable [] admin;

    @DynamicPropertySource
    static void discord(DynamicPropertyRegistry registry) {
        registry.add("starkbot.platforms.discord.api-url", DISCORD::restUrl);
        registry.add("starkbot.platforms.discord.gateway-url", DISCORD::gatewayUrl);
        registry.add("starkbot.platforms.discord.bot-token", DISCORD::token);
        registry.add("starkbot.platforms.discord.client-secret", DISCORD::clientSecret);
    }

    @AfterAll
    static void stop() {
        DISCORD.close();
    }

    @Test
    void theInstallLinkAsksForTheBotWithItsPermissionsAndCarriesAStateKeptOnlyAsItsHash() {
        JsonNode link = link();

        Map<String, String> query = query(link.path("url").asString());
        assertThat(link.path("url").asString()).startsWith("https://discord.com/oauth2/authorize?client_id="
                + FakeDiscordServer.BOT_ID + "&scope=bot%20applications.commands&permissions=274878024768"
                + "&integration_type=0&response_type=code&redirect_uri="
                + URLEncoder.encode(REDIRECT, StandardCharsets.UTF_8) + "&state=");
        assertThat(query.get("redirect_uri")).isEqualTo(REDIRECT);
        assertThat(link.path("scopes").valueStream().map(JsonNode::asString)).containsExactly("bot",
                "applications.commands");
        assertThat(link.path("permissions").asString()).isEqualTo("274878024768");
        assertThat(link.path("exchange").asBoolean()).isTrue();
        assertThat(Instant.parse(link.path("expiresAt").asString()))
                .isEqualTo(clock.instant().plus(Duration.ofMinutes(10)));
        String state = query.get("state");
        assertThat(Base64.getUrlDecoder().decode(state)).hasSize(32);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM discord_install_states WHERE state_hash = ?")
                .param(DiscordOAuth2Client.sha256(state)).query(Integer.class).single()).isOne();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM discord_install_states WHERE state_hash = ?").param(state)
                .query(Integer.class).single()).isZero();
        // the application's id was looked up with the bot token, once for every link made with it
        link();
        assertThat(DISCORD.requests("GET /applications/@me")).hasSize(1);
    }

    @Test
    void onlyAnAdminGetsAnInstallLink() {
        TestUser user = TestUser.signUp(http(), "discord-user");

        assertThat(http().get("/api/platforms/discord/install", user.bearer()).statusCode()).isEqualTo(403);
        assertThat(http().get("/api/platforms/discord/install").statusCode()).isEqualTo(401);
    }

    @Test
    void theOwnerAddsTheBotToAServerAndThePageNamesIt() {
        long guild = guild("Stark <Industries> & Co");
        String state = state(link());
        String code = DISCORD.ownerAuthorizes(guild, REDIRECT);

        HttpResponse<String> page = callback(Map.of("code", code, "state", state, "guild_id", Long.toString(guild),
                "permissions", "274878024768"));

        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        assertThat(page.headers().firstValue("content-type").orElseThrow()).startsWith("text/html");
        assertThat(page.headers().firstValue("content-security-policy").orElseThrow()).contains("default-src 'none'");
        assertThat(page.body()).contains("StarkBot was added to Stark &lt;Industries&gt; &amp; Co")
                .contains("name=\"viewport\"").doesNotContain("<script").doesNotContain(code)
                .doesNotContain("permissions it asked for");
        assertThat(events.added).contains(new DiscordGuildAdded(Long.toString(guild), "Stark <Industries> & Co"));
        Map<String, Object> audit = jdbc.sql("SELECT actor_id, actor_name, details FROM audit_events "
                + "WHERE type = 'platform.discord-server-added' AND target = ?").param("discord-guild:" + guild)
                .query().singleRow();
        assertThat(audit.get("actor_name")).isEqualTo(ADMIN);
        assertThat(audit.get("actor_id")).isEqualTo(adminId());
        assertThat(audit.get("details")).isEqualTo("name=Stark <Industries> & Co");
        RecordedRequest exchange = DISCORD.requests(TOKEN_ROUTE).getLast();
        assertThat(exchange.header("authorization")).hasValue("Basic " + Base64.getEncoder().encodeToString(
                (FakeDiscordServer.BOT_ID + ":" + DISCORD.clientSecret()).getBytes(StandardCharsets.UTF_8)));
        assertThat(exchange.body()).isEqualTo("grant_type=authorization_code&code=" + code + "&redirect_uri="
                + URLEncoder.encode(REDIRECT, StandardCharsets.UTF_8));
    }

    @Test
    void thePageSaysWhichAskedForPermissionsTheOwnerUnticked() {
        long guild = guild("Jarvis Lab");
        String code = DISCORD.ownerAuthorizes(guild, REDIRECT);

        HttpResponse<String> page = callback(Map.of("code", code, "state", state(link()), "guild_id",
                Long.toString(guild), "permissions", Long.toString(274878024768L & ~(1L << 6))));

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("StarkBot was added to Jarvis Lab").contains("Add Reactions");
    }

    @Test
    void aStateOpensTheCallbackOnceAndAnUnknownOneNever() {
        long guild = guild("Once");
        String state = state(link());
        String code = DISCORD.ownerAuthorizes(guild, REDIRECT);
        assertThat(callback(Map.of("code", code, "state", state, "guild_id", Long.toString(guild))).statusCode())
                .isEqualTo(200);
        int exchanges = DISCORD.requests(TOKEN_ROUTE).size();

        HttpResponse<String> reused = callback(Map.of("code", code, "state", state));
        HttpResponse<String> unknown = callback(Map.of("code", code, "state", "A".repeat(43)));
        HttpResponse<String> malformed = callback(Map.of("code", code, "state", "<not a state>"));
        HttpResponse<String> none = callback(Map.of("code", code));

        for (HttpResponse<String> refused : List.of(reused, unknown, malformed, none)) {
            assertThat(refused.statusCode()).isEqualTo(400);
            assertThat(refused.headers().firstValue("content-type").orElseThrow()).startsWith("text/html");
            assertThat(refused.body()).contains("expired or was already used");
        }
        assertThat(DISCORD.requests(TOKEN_ROUTE)).hasSize(exchanges);
    }

    @Test
    void anExpiredStateIsRefusedWithoutAskingDiscord() {
        long guild = guild("Too late");
        String state = state(link());
        String code = DISCORD.ownerAuthorizes(guild, REDIRECT);
        int exchanges = DISCORD.requests(TOKEN_ROUTE).size();
        clock.advance(Duration.ofMinutes(10));

        HttpResponse<String> page = callback(Map.of("code", code, "state", state, "guild_id", Long.toString(guild)));

        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(DISCORD.requests(TOKEN_ROUTE)).hasSize(exchanges);
    }

    @Test
    void housekeepingRemovesExpiredStatesOnly() {
        String old = DiscordOAuth2Client.sha256(state(link()));
        clock.advance(Duration.ofMinutes(10));
        String fresh = DiscordOAuth2Client.sha256(state(link()));

        assertThat(cleanup.clean(clock.instant())).isPositive();

        assertThat(jdbc.sql("SELECT state_hash FROM discord_install_states").query(String.class).list())
                .contains(fresh).doesNotContain(old);
    }

    @Test
    void anOwnerWhoCancelsOnDiscordIsToldNothingChangedAndTheStateIsUsedUp() {
        String state = state(link());
        int exchanges = DISCORD.requests(TOKEN_ROUTE).size();

        HttpResponse<String> page = callback(Map.of("error", "access_denied", "error_description",
                "The resource owner or authorization server denied the request", "state", state));

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("StarkBot was not added").contains("cancelled");
        assertThat(callback(Map.of("code", "x", "state", state)).statusCode()).isEqualTo(400);
        assertThat(DISCORD.requests(TOKEN_ROUTE)).hasSize(exchanges);
    }

    @Test
    void aCodeDiscordNoLongerHonoursIsA400PageAndNoServerIsAnnounced() {
        long guild = guild("Expired code");
        String code = DISCORD.ownerAuthorizes(guild, REDIRECT);
        DISCORD.expireAuthorizationCodes();

        HttpResponse<String> page = callback(Map.of("code", code, "state", state(link()), "guild_id",
                Long.toString(guild)));

        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(page.body()).contains("refused the authorization code").doesNotContain("Exception");
        assertThat(events.added).noneMatch(added -> added.guildId().equals(Long.toString(guild)));
    }

    @Test
    void discordFailingOrNotAnsweringIsA502Page() {
        long guild = guild("Outage");
        DISCORD.failNext(TOKEN_ROUTE, DiscordFault.badGateway(), DiscordFault.delay(Duration.ofSeconds(4)));

        HttpResponse<String> badGateway = callback(Map.of("code", DISCORD.ownerAuthorizes(guild, REDIRECT),
                "state", state(link()), "guild_id", Long.toString(guild)));
        HttpResponse<String> timedOut = callback(Map.of("code", DISCORD.ownerAuthorizes(guild, REDIRECT),
                "state", state(link()), "guild_id", Long.toString(guild)));

        assertThat(badGateway.statusCode()).isEqualTo(502);
        assertThat(badGateway.body()).contains("Discord did not answer StarkBot").doesNotContain("cloudflare");
        assertThat(timedOut.statusCode()).isEqualTo(502);
        assertThat(events.added).noneMatch(added -> added.guildId().equals(Long.toString(guild)));
    }

    @Test
    void aClientSecretDiscordRefusesIsA502PageSayingWhatToFix() {
        long guild = guild("Reset secret");
        String secret = DISCORD.clientSecret();
        DISCORD.clientSecret("reset-in-the-developer-portal");
        try {
            HttpResponse<String> page = callback(Map.of("code", DISCORD.ownerAuthorizes(guild, REDIRECT), "state",
                    state(link()), "guild_id", Long.toString(guild)));

            assertThat(page.statusCode()).isEqualTo(502);
            assertThat(page.body()).contains("client secret");
        } finally {
            DISCORD.clientSecret(secret);
        }
    }

    @Test
    void aRedirectNamingAnotherServerThanTheCodesIsRefused() {
        long guild = guild("Real");
        long other = guild("Claimed");

        HttpResponse<String> page = callback(Map.of("code", DISCORD.ownerAuthorizes(guild, REDIRECT), "state",
                state(link()), "guild_id", Long.toString(other)));

        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(events.added).noneMatch(added -> added.guildName().equals("Real")
                || added.guildName().equals("Claimed"));
    }

    @Test
    void twoCallbacksWithOneStateExchangeTheCodeOnce() throws Exception {
        long guild = guild("Reloaded");
        String state = state(link());
        String code = DISCORD.ownerAuthorizes(guild, REDIRECT);
        int exchanges = DISCORD.requests(TOKEN_ROUTE).size();
        Map<String, String> query = Map.of("code", code, "state", state, "guild_id", Long.toString(guild));
        CountDownLatch start = new CountDownLatch(1);

        List<CompletableFuture<Integer>> calls = List.of(1, 2).stream().map(n -> CompletableFuture.supplyAsync(() -> {
            try {
                start.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return callback(query).statusCode();
        })).toList();
        start.countDown();

        assertThat(calls.stream().map(CompletableFuture::join)).containsExactlyInAnyOrder(200, 400);
        assertThat(DISCORD.requests(TOKEN_ROUTE)).hasSize(exchanges + 1);
        assertThat(events.added.stream().filter(added -> added.guildName().equals("Reloaded"))).hasSize(1);
    }

    private static synchronized long guild(String name) {
        long id = ++nextGuild;
        DISCORD.guild(id, name, OWNER);
        return id;
    }

    private JsonNode link() {
        HttpResponse<String> response = http().get("/api/platforms/discord/install", admin());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Http.json(response);
    }

    private static String state(JsonNode link) {
        return query(link.path("url").asString()).get("state");
    }

    private static Map<String, String> query(String url) {
        Map<String, String> query = new LinkedHashMap<>();
        for (String pair : URI.create(url).getRawQuery().split("&")) {
            int equals = pair.indexOf('=');
            query.put(pair.substring(0, equals), URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
        }
        return query;
    }

    private HttpResponse<String> callback(Map<String, String> parameters) {
        StringBuilder path = new StringBuilder("/oauth2/discord/callback");
        char separator = '?';
        for (Map.Entry<String, String> parameter : parameters.entrySet()) {
            path.append(separator).append(parameter.getKey()).append('=')
                    .append(URLEncoder.encode(parameter.getValue(), StandardCharsets.UTF_8));
            separator = '&';
        }
        return http().get(path.toString());
    }

    private Http http() {
        return new Http(port);
    }

    private String[] admin() {
        if (admin == null) {
            HttpResponse<String> login = http().postJson("/api/auth/login",
                    "{\"username\":\"" + ADMIN + "\",\"password\":\"" + PASSWORD + "\"}");
            admin = new String[] {"Authorization", "Bearer " + Http.json(login).path("token").asString()};
        }
        return admin;
    }

    private String adminId() {
        return Http.json(http().get("/api/me", admin())).path("user").path("id").asString();
    }

    @TestConfiguration
    static class Events {

        final List<DiscordGuildAdded> added = new CopyOnWriteArrayList<>();

        @EventListener
        void on(DiscordGuildAdded event) {
            added.add(event);
        }
    }
}
