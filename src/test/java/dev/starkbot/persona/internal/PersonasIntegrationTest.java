package dev.starkbot.persona.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

import dev.starkbot.persona.Persona;
import dev.starkbot.persona.PersonaService;
import dev.starkbot.persona.PromptContext;
import dev.starkbot.testing.Http;
import dev.starkbot.testing.MutableClock;
import dev.starkbot.testing.StorageTest;
import dev.starkbot.testing.TestUser;
import dev.starkbot.testing.WsClient;
import tools.jackson.databind.JsonNode;

@StorageTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "starkbot.rate-limit.enabled=false", "starkbot.accounts.registration=open",
        "starkbot.personas.max-per-user=3"})
@Import(MutableClock.Config.class)
class PersonasIntegrationTest {

    private static final String PASSWORD = "a persona owner's password";
    private static final String CODER = """
            {"name": "Coder", "systemPrompt": "You help {{user.name}}\\nwith {{ language }}.",
             "model": "anthropic:claude-sonnet-4-5", "temperature": 0.3,
             "allowedTools": ["current_time", "current_time"], "variables": {"language": "Java"}}""";

    @LocalServerPort
    int port;

    @Autowired
    PersonaService personas;

    @Autowired
    Clock clock;

    @Test
    void aPersonaIsCreatedListedReadReplacedAndDeleted() {
        TestUser alice = signUp("alice");
        HttpResponse<String> created = http().call("POST", "/api/personas", CODER, alice.bearer());
        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode coder = Http.json(created);
        String id = coder.path("id").asString();
        assertThat(created.headers().firstValue("Location")).contains("/api/personas/" + id);
        assertThat(coder.path("name").asString()).isEqualTo("Coder");
        assertThat(coder.path("systemPrompt").asString()).isEqualTo("You help {{user.name}}\nwith {{ language }}.");
        assertThat(coder.path("model").asString()).isEqualTo("anthropic:claude-sonnet-4-5");
        assertThat(coder.path("temperature").asDouble()).isEqualTo(0.3);
        assertThat(coder.path("allowedTools").toString()).isEqualTo("[\"current_time\"]");
        assertThat(coder.path("variables").path("language").asString()).isEqualTo("Java");
        assertThat(coder.path("builtIn").asBoolean()).isFalse();
        assertThat(Instant.parse(coder.path("createdAt").asString())).isEqualTo(clock.instant()
                .truncatedTo(ChronoUnit.MILLIS));

        create(alice, "{\"name\":\"alpha\",\"systemPrompt\":\"\"}");
        JsonNode list = Http.json(http().get("/api/personas", alice.bearer()));
        assertThat(list.valueStream().map(p -> p.path("name").asString())).containsExactly("Default", "alpha",
                "Coder");
        assertThat(list.get(0).path("builtIn").asBoolean()).isTrue();
        assertThat(list.get(0).path("id").asString()).isEqualTo("default");
        assertThat(list.get(0).path("createdAt").isNull()).isTrue();
        assertThat(list.get(1).path("allowedTools").isNull()).isTrue();
        assertThat(Http.json(http().get("/api/personas/" + id, alice.bearer()))).isEqualTo(coder);
        assertThat(Http.json(http().get("/api/personas/default", alice.bearer())).path("builtIn").asBoolean())
                .isTrue();

        ((MutableClock) clock).advance(java.time.Duration.ofMinutes(5));
        HttpResponse<String> replaced = http().call("PUT", "/api/personas/" + id,
                "{\"name\":\"Coder 2\",\"systemPrompt\":\"Terse. {{now}}\",\"allowedTools\":[]}", alice.bearer());
        assertThat(replaced.statusCode()).isEqualTo(200);
        JsonNode updated = Http.json(replaced);
        assertThat(updated.path("name").asString()).isEqualTo("Coder 2");
        assertThat(updated.path("model").isNull()).isTrue();
        assertThat(updated.path("temperature").isNull()).isTrue();
        assertThat(updated.path("allowedTools").size()).isZero();
        assertThat(updated.path("variables").size()).isZero();
        assertThat(updated.path("createdAt")).isEqualTo(coder.path("createdAt"));
        assertThat(Instant.parse(updated.path("updatedAt").asString()))
                .isEqualTo(Instant.parse(coder.path("createdAt").asString()).plusSeconds(300));
        assertThat(Http.json(http().get("/api/personas/" + id, alice.bearer()))).isEqualTo(updated);

        assertThat(http().call("DELETE", "/api/personas/" + id, null, alice.bearer()).statusCode()).isEqualTo(204);
        assertThat(http().get("/api/personas/" + id, alice.bearer()).statusCode()).isEqualTo(404);
        assertThat(http().call("DELETE", "/api/personas/" + id, null, alice.bearer()).statusCode()).isEqualTo(404);
    }

    @Test
    void aTemplateWithAnUnknownVariableIsRefusedNamingIt() {
        TestUser owner = signUp("carol");
        JsonNode problem = refused(owner, "POST", "/api/personas",
                "{\"name\":\"x\",\"systemPrompt\":\"Hello.\\nYou are {{ foo }}.\",\"variables\":{\"tone\":\"dry\"}}",
                422, "unknown-variable");
        assertThat(problem.path("detail").asString()).isEqualTo("Unknown variable {{ foo }} at line 2 column 9; "
                + "known: user.name, now, timezone, platform, and this persona's variables tone");

        refused(owner, "POST", "/api/personas", "{\"name\":\"x\",\"systemPrompt\":\"{{now\"}", 422, "invalid-template");
        refused(owner, "POST", "/api/personas/preview", "{\"systemPrompt\":\"{{ tone }}\"}", 422, "unknown-variable");
        assertThat(refused(owner, "POST", "/api/personas", "{\"name\":\"x\",\"systemPrompt\":\"\","
                + "\"allowedTools\":[\"current_time\",\"rm_rf\"]}", 422, "unknown-tool").path("detail").asString())
                .startsWith("Unknown tool 'rm_rf'; known: ").contains("current_time");
        assertThat(Http.json(http().get("/api/personas", owner.bearer())).size()).isEqualTo(1);
    }

    @Test
    void requestsBreakingTheRulesAreRefusedFieldByField() {
        TestUser owner = signUp("dave");
        String[] invalid = {
            "{\"systemPrompt\":\"\"}",
            "{\"name\":\" padded\",\"systemPrompt\":\"\"}",
            "{\"name\":\"a/b\",\"systemPrompt\":\"\"}",
            "{\"name\":\"" + "n".repeat(65) + "\",\"systemPrompt\":\"\"}",
            "{\"name\":\"x\"}",
            "{\"name\":\"x\",\"systemPrompt\":\"" + "p".repeat(20001) + "\"}",
            "{\"name\":\"x\",\"systemPrompt\":\"\",\"temperature\":2.01}",
            "{\"name\":\"x\",\"systemPrompt\":\"\",\"temperature\":-0.1}",
            "{\"name\":\"x\",\"systemPrompt\":\"\",\"model\":\"has space\"}",
            "{\"name\":\"x\",\"systemPrompt\":\"\",\"model\":\"" + "m".repeat(201) + "\"}",
            "{\"name\":\"x\",\"systemPrompt\":\"\",\"allowedTools\":[\"\"]}",
            "{\"name\":\"x\",\"systemPrompt\":\"\",\"variables\":{\"now\":\"shadowing\"}}",
            "{\"name\":\"x\",\"systemPrompt\":\"\",\"variables\":{\"user\":\"shadowing\"}}",
            "{\"name\":\"x\",\"systemPrompt\":\"\",\"variables\":{\"Tone\":\"x\"}}",
            "{\"name\":\"x\",\"systemPrompt\":\"\",\"variables\":{\"a.b\":\"x\"}}",
            "{\"name\":\"x\",\"systemPrompt\":\"\",\"variables\":{\"tone\":\"" + "v".repeat(2001) + "\"}}",
            "{\"name\":\"x\",\"systemPrompt\":\"\",\"variables\":" + manyVariables(51) + "}"};
        for (String body : invalid) {
            HttpResponse<String> response = http().call("POST", "/api/personas", body, owner.bearer());
            assertThat(response.statusCode()).as(body).isEqualTo(422);
            assertThat(Http.json(response).path("errors").size()).as(body).isPositive();
        }
        create(owner, "{\"name\":\"Ünïcode name_1-2 x\",\"systemPrompt\":\"\",\"temperature\":2.0,"
                + "\"variables\":" + manyVariables(50) + "}");
    }

    @Test
    void namesAreUniquePerUserIgnoringCaseAndTheBuiltInOneIsReadOnly() {
        TestUser owner = signUp("erin");
        TestUser other = signUp("frank");
        String id = create(owner, "{\"name\":\"Writer\",\"systemPrompt\":\"\"}");
        create(other, "{\"name\":\"Writer\",\"systemPrompt\":\"\"}");
        refused(owner, "POST", "/api/personas", "{\"name\":\"WRITER\",\"systemPrompt\":\"\"}", 409,
                "persona-name-taken");
        refused(owner, "POST", "/api/personas", "{\"name\":\"default\",\"systemPrompt\":\"\"}", 409,
                "persona-name-taken");
        String second = create(owner, "{\"name\":\"Reader\",\"systemPrompt\":\"\"}");
        refused(owner, "PUT", "/api/personas/" + second, "{\"name\":\"writer\",\"systemPrompt\":\"\"}", 409,
                "persona-name-taken");
        assertThat(http().call("PUT", "/api/personas/" + id, "{\"name\":\"writer\",\"systemPrompt\":\"\"}",
                owner.bearer()).statusCode()).as("renaming itself by case").isEqualTo(200);

        refused(owner, "PUT", "/api/personas/default", "{\"name\":\"Mine\",\"systemPrompt\":\"\"}", 409,
                "built-in-persona");
        refused(owner, "DELETE", "/api/personas/default", null, 409, "built-in-persona");

        create(owner, "{\"name\":\"Third\",\"systemPrompt\":\"\"}");
        refused(owner, "POST", "/api/personas", "{\"name\":\"Fourth\",\"systemPrompt\":\"\"}", 409,
                "too-many-personas");
    }

    @Test
    void anotherUsersPersonaIsNotFound() {
        TestUser owner = signUp("grace");
        TestUser intruder = signUp("heidi");
        String id = create(owner, "{\"name\":\"Private\",\"systemPrompt\":\"secret\"}");
        refused(intruder, "GET", "/api/personas/" + id, null, 404, "not-found");
        refused(intruder, "PUT", "/api/personas/" + id, "{\"name\":\"Mine\",\"systemPrompt\":\"\"}", 404,
                "not-found");
        refused(intruder, "DELETE", "/api/personas/" + id, null, 404, "not-found");
        assertThat(Http.json(http().get("/api/personas", intruder.bearer())).size()).isEqualTo(1);
        assertThat(personas.find(intruder.id(), id)).isEmpty();
        assertThat(personas.find(intruder.id(), "Private")).isEmpty();
        assertThat(http().get("/api/personas/" + id, owner.bearer()).statusCode()).isEqualTo(200);
    }

    @Test
    void resolveFallsBackFromTheConversationsPersonaToTheUsersDefaultToTheBuiltIn() {
        TestUser owner = signUp("ivan");
        TestUser other = signUp("judy");
        String helper = create(owner, "{\"name\":\"Helper\",\"systemPrompt\":\"help\"}");
        String writer = create(owner, "{\"name\":\"Writer\",\"systemPrompt\":\"write\"}");
        String foreign = create(other, "{\"name\":\"Theirs\",\"systemPrompt\":\"theirs\"}");

        assertThat(personas.resolve(owner.id(), helper).id()).isEqualTo(helper);
        assertThat(personas.resolve(owner.id(), foreign).builtIn()).isTrue();
        assertThat(personas.resolve(owner.id(), null).builtIn()).isTrue();
        assertThat(personas.resolve(owner.id(), "Helper").builtIn()).as("resolve takes ids, not names").isTrue();

        patchMe(owner, "{\"defaultPersona\":\"writer\"}");
        assertThat(personas.resolve(owner.id(), null).id()).isEqualTo(writer);
        assertThat(personas.resolve(owner.id(), "deleted-long-ago").id()).isEqualTo(writer);
        assertThat(personas.resolve(owner.id(), foreign).id()).isEqualTo(writer);
        assertThat(personas.resolve(owner.id(), helper).id()).isEqualTo(helper);
        assertThat(personas.resolve(owner.id(), "default").builtIn()).isTrue();
        assertThat(personas.find(owner.id(), "HELPER").map(Persona::id)).contains(helper);
        assertThat(personas.find(owner.id(), helper).map(Persona::name)).contains("Helper");
        assertThat(personas.find(owner.id(), "Default").map(Persona::builtIn)).contains(true);

        patchMe(owner, "{\"defaultPersona\":\"" + helper + "\"}");
        assertThat(personas.resolve(owner.id(), null).id()).as("a default given by id").isEqualTo(helper);

        http().call("DELETE", "/api/personas/" + helper, null, owner.bearer());
        Persona fallback = personas.resolve(owner.id(), null);
        assertThat(fallback.builtIn()).isTrue();
        assertThat(fallback.id()).isEqualTo("default");
        assertThat(personas.resolve("no-such-user", null).builtIn()).isTrue();
    }

    @Test
    void templatesAreRenderedWithTheCallersNameZoneAndPlatform() {
        TestUser owner = signUp("kim");
        patchMe(owner, "{\"displayName\":\"Kim Lee\",\"timeZone\":\"Asia/Kolkata\"}");
        String now = clock.instant().atZone(ZoneId.of("Asia/Kolkata"))
                .format(DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm")) + "+05:30";
        String template = "Hi {{user.name}} on {{platform}} at {{ now }} in {{timezone}}; be {{tone}}. \\\\{{x}}";
        JsonNode preview = Http.json(http().call("POST", "/api/personas/preview",
                "{\"systemPrompt\":\"" + template + "\",\"variables\":{\"tone\":\"dry\"}}", owner.bearer()));
        assertThat(preview.path("text").asString())
                .isEqualTo("Hi Kim Lee on web at " + now + " in Asia/Kolkata; be dry. {{x}}");
        JsonNode onTelegram = Http.json(http().call("POST", "/api/personas/preview",
                "{\"systemPrompt\":\"{{platform}}\",\"platform\":\"telegram\"}", owner.bearer()));
        assertThat(onTelegram.path("text").asString()).isEqualTo("telegram");

        String id = create(owner, "{\"name\":\"Tutor\",\"systemPrompt\":\"{{user.name}}, {{now}}, {{timezone}}, "
                + "{{platform}}, {{subject}}\",\"variables\":{\"subject\":\"maths\"}}");
        Persona tutor = personas.resolve(owner.id(), id);
        PromptContext context = new PromptContext("Kim", ZoneId.of("Europe/Paris"),
                Instant.parse("2027-07-01T10:15:42.5Z"), "telegram");
        assertThat(personas.render(tutor, context))
                .isEqualTo("Kim, 2027-07-01T12:15+02:00, Europe/Paris, telegram, maths");
        assertThat(personas.render(personas.resolve(owner.id(), null), new PromptContext("Kim", ZoneId.of("UTC"),
                Instant.parse("2027-01-01T00:00:59Z"), "web"))).contains("Kim", "web", "UTC");
    }

    @Test
    void theSameOperationsAreJsonRpcMethods() throws Exception {
        TestUser owner = signUp("lena");
        try (WsClient ws = WsClient.connect(port, owner.bearer())) {
            JsonNode created = ws.call("{\"jsonrpc\":\"2.0\",\"method\":\"personas.create\",\"id\":1,\"params\":"
                    + "{\"name\":\"Socket\",\"systemPrompt\":\"{{greeting}}\",\"variables\":{\"greeting\":\"hi\"}}}");
            String id = created.path("result").path("id").asString();
            assertThat(created.path("result").path("variables").path("greeting").asString()).isEqualTo("hi");
            JsonNode preview = ws.call("{\"jsonrpc\":\"2.0\",\"method\":\"personas.preview\",\"id\":2,\"params\":"
                    + "{\"systemPrompt\":\"{{ platform }}\"}}");
            assertThat(preview.path("result").path("text").asString()).isEqualTo("web");
            JsonNode unknown = ws.call("{\"jsonrpc\":\"2.0\",\"method\":\"personas.update\",\"id\":3,\"params\":"
                    + "{\"id\":\"" + id + "\",\"name\":\"Socket\",\"systemPrompt\":\"{{nope}}\"}}");
            assertThat(unknown.path("error").path("data").path("type").asString()).isEqualTo("unknown-variable");
            JsonNode deleted = ws.call("{\"jsonrpc\":\"2.0\",\"method\":\"personas.delete\",\"id\":4,\"params\":"
                    + "{\"id\":\"" + id + "\"}}");
            assertThat(deleted.has("error")).isFalse();
        }
    }

    private JsonNode refused(TestUser who, String method, String path, String body, int status, String type) {
        HttpResponse<String> response = http().call(method, path, body, who.bearer());
        assertThat(response.statusCode()).as(method + " " + path + " " + body).isEqualTo(status);
        JsonNode problem = Http.json(response);
        assertThat(problem.path("type").asString()).isEqualTo("https://starkbot.dev/problems/" + type);
        return problem;
    }

    private String create(TestUser owner, String body) {
        HttpResponse<String> response = http().call("POST", "/api/personas", body, owner.bearer());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return Http.json(response).path("id").asString();
    }

    private void patchMe(TestUser who, String body) {
        assertThat(http().call("PATCH", "/api/me", body, who.bearer()).statusCode()).isEqualTo(200);
    }

    private static String manyVariables(int count) {
        StringBuilder json = new StringBuilder("{");
        for (int i = 0; i < count; i++) {
            json.append(i == 0 ? "" : ",").append("\"v").append(i).append("\":\"").append("x".repeat(2000))
                    .append('"');
        }
        return json.append('}').toString();
    }

    private TestUser signUp(String name) {
        return TestUser.signUp(http(), name, PASSWORD);
    }

    private Http http() {
        return new Http(port);
    }
}
