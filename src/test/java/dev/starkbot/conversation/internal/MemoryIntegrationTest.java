package dev.starkbot.conversation.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.starkbot.testing.Await;
import dev.starkbot.testing.Http;
import dev.starkbot.testing.StorageTest;
import dev.starkbot.testing.fake.AnthropicReply;
import dev.starkbot.testing.fake.FakeAnthropicServer;
import dev.starkbot.testing.fake.FakeProviders;
import dev.starkbot.testing.fake.RecordedRequest;
import tools.jackson.databind.JsonNode;

/**
 * What a conversation remembers: a title after the first exchange, summaries of older turns that keep the raw
 * messages and can be undone, pinned facts, a context cut to the model's window newest first, and budgets. Every
 * model call here gets the fake's default reply, so background jobs cannot take a reply meant for a turn.
 */
@StorageTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "starkbot.rate-limit.enabled=false", "starkbot.accounts.registration=open",
        "starkbot.jobs.polling-interval=200ms", "starkbot.conversations.summarize-after=600",
        "starkbot.conversations.keep-recent-tokens=150", "starkbot.ai.context-windows.claude-tiny=5500"})
class MemoryIntegrationTest {

    static final FakeAnthropicServer ANTHROPIC = FakeAnthropicServer.start();
    private static final String DEFAULT_REPLY = "Hello from the fake Claude.";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @DynamicPropertySource
    static void providers(DynamicPropertyRegistry registry) {
        FakeProviders.register(registry, ANTHROPIC, null);
    }

    @AfterAll
    static void stop() {
        ANTHROPIC.close();
    }

    @Test
    void theFirstExchangeGivesTheConversationATitle() throws Exception {
        ChatClient person = ChatClient.signUp(port, "titled");
        String conversation = person.newConversation(null);
        person.sendJson(conversation, "Plan a trip to Lisbon");
        Await.until("a title", Duration.ofSeconds(15), () -> !Http.json(person.http()
                .get("/api/conversations/" + conversation, person.bearer())).path("title").isNull());
        assertThat(Http.json(person.http().get("/api/conversations/" + conversation, person.bearer()))
                .path("title").asString()).isEqualTo("Hello from the fake Claude");
    }

    @Test
    void olderTurnsAreSummarisedKeptAndCanBeUndone() throws Exception {
        ChatClient person = ChatClient.signUp(port, "summarised");
        String conversation = person.newConversation(null);
        for (int i = 0; i < 8; i++) {
            person.sendJson(conversation, "marker-" + i + " " + "some words about the garden ".repeat(20));
            if (!summaries(person, conversation).isEmpty()) {
                break;
            }
        }
        Await.until("a summary", Duration.ofSeconds(20), () -> !summaries(person, conversation).isEmpty());
        JsonNode summary = summaries(person, conversation).get(0);
        assertThat(summary.path("fromSeq").asLong()).isZero();
        assertThat(summary.path("body").asString()).isEqualTo(DEFAULT_REPLY);
        JsonNode stored = person.messages(conversation);
        assertThat(stored.toString()).contains("marker-0").contains("were summarised");

        person.sendJson(conversation, "what did I say first?");
        RecordedRequest asked = lastChat();
        assertThat(asked.json().path("system").toString()).contains("Summary of the earlier part");
        assertThat(asked.json().path("messages").toString()).doesNotContain("marker-0");

        HttpResponse<String> undone = person.http().call("POST", "/api/conversations/" + conversation
                + "/summaries/" + summary.path("id").asString() + "/undo", null, person.bearer());
        assertThat(undone.statusCode()).isEqualTo(200);
        person.sendJson(conversation, "and now?");
        RecordedRequest after = lastChat();
        assertThat(after.json().path("system").toString()).doesNotContain("Summary of the earlier part");
        assertThat(after.json().path("messages").toString()).contains("marker-0");

        int before = summaries(person, conversation).size();
        JsonNode compact = Http.json(person.http().call("POST", "/api/conversations/" + conversation + "/compact",
                null, person.bearer()));
        String job = compact.path("jobId").asString();
        Await.until("the compact job", Duration.ofSeconds(20), () -> Http.json(person.http()
                .get("/api/jobs/" + job, person.bearer())).path("status").asString().equals("completed"));
        assertThat(summaries(person, conversation).size()).isEqualTo(before + 1);
    }

    @Test
    void pinnedFactsAreInEveryContext() {
        ChatClient person = ChatClient.signUp(port, "pinner");
        assertThat(person.http().call("POST", "/api/facts", "{\"text\":\"My cat is called Miso\"}",
                person.bearer()).statusCode()).isEqualTo(201);
        String conversation = person.newConversation(null);
        person.sendJson(conversation, "What is my cat called?");
        assertThat(lastChat().json().path("system").toString()).contains("My cat is called Miso");
    }

    @Test
    void theContextHoldsTheNewestMessagesThatFitTheWindow() {
        ChatClient person = ChatClient.signUp(port, "windowed");
        String conversation = person.newConversation("anthropic:claude-tiny");
        for (int i = 0; i < 6; i++) {
            person.sendJson(conversation, "window-" + i + " " + "a sentence to fill the window ".repeat(40));
        }
        String messages = lastChat().json().path("messages").toString();
        assertThat(messages).contains("window-5").contains("window-4").doesNotContain("window-0");
        assertThat(lastChat().json().path("messages").get(0).path("role").asString()).isEqualTo("user");
    }

    @Test
    void aSpentBudgetRefusesNewTurnsWithAClearError() {
        ChatClient person = ChatClient.signUp(port, "thrifty");
        jdbc.sql("INSERT INTO usage_budgets (user_id, daily_tokens, monthly_tokens, updated_at) VALUES (?, 1, NULL, 0)")
                .param(person.userId()).update();
        String conversation = person.newConversation(null);
        assertThat(person.sendJsonRaw(conversation, "first").statusCode()).isEqualTo(200);
        HttpResponse<String> refused = person.sendJsonRaw(conversation, "second");
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.body()).contains("token-budget-exhausted", "daily token budget");
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();
    }

    @Test
    void aBudgetSpentMidTurnStopsTheToolLoopBeforeTheNextModelCall() {
        ChatClient person = ChatClient.signUp(port, "spender");
        jdbc.sql("INSERT INTO usage_budgets (user_id, daily_tokens, monthly_tokens, updated_at) VALUES (?, 1, NULL, 0)")
                .param(person.userId()).update();
        String conversation = person.newConversation(null);
        int before = ANTHROPIC.requests().size();
        ANTHROPIC.enqueue(AnthropicReply.toolUse("", "toolu_budget", "current_time", "{}"));
        JsonNode turn = person.sendJson(conversation, "what time is it?");
        assertThat(turn.path("stopReason").asString()).isEqualTo("max_tokens");
        assertThat(person.messages(conversation).get(0).path("text").asString()).contains("token budget");
        assertThat(ANTHROPIC.requests().size() - before).as("no second model call").isEqualTo(1);
    }

    private static JsonNode summaries(ChatClient person, String conversation) {
        return Http.json(person.http().get("/api/conversations/" + conversation + "/summaries", person.bearer()));
    }

    /** The newest request that was a turn of a conversation (titles and summaries are asked without tools). */
    private static RecordedRequest lastChat() {
        List<RecordedRequest> requests = ANTHROPIC.requests();
        for (int i = requests.size() - 1; i >= 0; i--) {
            if (requests.get(i).json().has("tools")) {
                return requests.get(i);
            }
        }
        throw new AssertionError("no chat request");
    }
}
