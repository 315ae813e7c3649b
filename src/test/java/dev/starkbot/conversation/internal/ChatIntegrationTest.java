package dev.starkbot.conversation.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.starkbot.testing.Http;
import dev.starkbot.testing.StorageTest;
import dev.starkbot.testing.WsClient;
import dev.starkbot.testing.fake.AnthropicReply;
import dev.starkbot.testing.fake.FakeAnthropicServer;
import dev.starkbot.testing.fake.FakeProviders;
import dev.starkbot.testing.fake.FakeOpenAiServer;
import dev.starkbot.testing.fake.OpenAiReply;
import dev.starkbot.testing.fake.RecordedRequest;
import tools.jackson.databind.JsonNode;

/**
 * The acceptance path of the AI core: a reply with one tool round trip streams delta by delta over SSE and over the
 * WebSocket and is stored with its usage, through Claude's real SDK against a fake Anthropic, and the same through
 * the OpenAI-compatible provider.
 */
@StorageTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "starkbot.rate-limit.enabled=false", "starkbot.accounts.registration=open",
        "starkbot.conversations.ai-titles=false", "starkbot.jobs.polling-interval=200ms"})
class ChatIntegrationTest {

    static final FakeAnthropicServer ANTHROPIC = FakeAnthropicServer.start();
    static final FakeOpenAiServer OPENAI = FakeOpenAiServer.start();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void providers(DynamicPropertyRegistry registry) {
        FakeProviders.register(registry, ANTHROPIC, OPENAI);
    }

    @AfterAll
    static void stop() {
        ANTHROPIC.close();
        OPENAI.close();
    }

    @Test
    void aClaudeReplyWithAToolRoundTripStreamsOverSseAndWebSocketAndIsStoredWithUsage() throws Exception {
        ChatClient alice = ChatClient.signUp(port, "alice");
        String conversation = alice.newConversation("anthropic:claude-sonnet-4-5");
        ANTHROPIC.enqueue(AnthropicReply.toolUse("Let me look at the clock.", "toolu_01", "current_time", "{}"),
                AnthropicReply.text("It is a fine time for a walk in the park today."));
        try (WsClient ws = WsClient.connect(port, alice.bearer())) {
            ws.call("{\"jsonrpc\":\"2.0\",\"method\":\"subscribe\",\"params\":{\"topics\":[\"chat\"]},\"id\":1}");
            List<ChatClient.SseEvent> events = alice.sendStreaming(conversation, "What time is it?");

            assertStreamedTurn(events, "Let me look at the clock.", "It is a fine time for a walk in the park today.");
            assertThat(webSocketEvents(ws)).containsSubsequence("chat.delta", "chat.tool_call", "chat.tool_result",
                    "chat.delta", "chat.usage", "chat.done");
        }
        JsonNode stored = alice.messages(conversation);
        assertStoredTurn(stored, "It is a fine time for a walk in the park today.");

        List<RecordedRequest> requests = ANTHROPIC.requests();
        JsonNode second = requests.getLast().json();
        // the tool result went back with the call it answers, and the system prompt is a cache breakpoint
        assertThat(second.path("messages").toString()).contains("\"tool_use_id\":\"toolu_01\"");
        assertThat(second.path("system").get(0).path("cache_control").path("type").asString()).isEqualTo("ephemeral");
        assertThat(second.path("tools").toString()).contains("current_time", "search_conversations");

        JsonNode usage = Http.json(alice.http().get("/api/usage", alice.bearer()));
        assertThat(usage.path("totals").path("requests").asLong()).isEqualTo(2);
        assertThat(usage.path("totals").path("outputTokens").asLong()).isPositive();
        assertThat(usage.path("totals").path("costUsd").asDouble()).isPositive();
    }

    @Test
    void theSameTurnWorksThroughAnOpenAiCompatibleServer() throws Exception {
        ChatClient bob = ChatClient.signUp(port, "bob");
        String conversation = bob.newConversation("openai:llama3.1:8b");
        OPENAI.enqueue(OpenAiReply.toolUse("Checking the time.", "call_01", "current_time", "{}"),
                OpenAiReply.text("Time to make some tea, it is the afternoon."));
        List<ChatClient.SseEvent> events = bob.sendStreaming(conversation, "What time is it?");

        assertStreamedTurn(events, "Checking the time.", "Time to make some tea, it is the afternoon.");
        assertStoredTurn(bob.messages(conversation), "Time to make some tea, it is the afternoon.");
        JsonNode second = OPENAI.requests().getLast().json();
        assertThat(second.path("model").asString()).isEqualTo("llama3.1:8b");
        assertThat(second.path("messages").toString()).contains("\"role\":\"tool\"", "\"tool_call_id\":\"call_01\"");
    }

    @Test
    void aPlainJsonRequestGetsTheWholeTurnAndAnotherPersonCannotSeeIt() {
        ChatClient carol = ChatClient.signUp(port, "carol");
        ChatClient dave = ChatClient.signUp(port, "dave");
        String conversation = carol.newConversation(null);
        ANTHROPIC.enqueue(AnthropicReply.text("Hello Carol, nice to meet you."));
        JsonNode turn = carol.sendJson(conversation, "Hello!");
        assertThat(turn.path("stopReason").asString()).isEqualTo("end_turn");
        assertThat(turn.path("messages").get(1).path("text").asString()).isEqualTo("Hello Carol, nice to meet you.");
        ANTHROPIC.enqueue(AnthropicReply.text("Still here, Carol."));
        carol.sendJson(conversation, "Again!");
        // the system prompt is the same from turn to turn (a cache hit); the time travels with the newest message
        List<RecordedRequest> asked = ANTHROPIC.requests();
        JsonNode first = asked.get(asked.size() - 2).json();
        JsonNode second = asked.getLast().json();
        assertThat(second.path("system")).isEqualTo(first.path("system"));
        assertThat(second.path("messages").get(2).toString()).contains("(Sent ");
        assertThat(second.path("messages").get(0).toString()).doesNotContain("(Sent ");
        assertThat(dave.http().get("/api/conversations/" + conversation, dave.bearer()).statusCode()).isEqualTo(404);
        assertThat(dave.sendJsonRaw(conversation, "mine now").statusCode()).isEqualTo(404);
        JsonNode hits = Http.json(carol.http().get("/api/conversations/search?q=nice%20meet", carol.bearer()));
        assertThat(hits.size()).isEqualTo(1);
        assertThat(Http.json(dave.http().get("/api/conversations/search?q=nice", dave.bearer())).size()).isZero();
    }

    @Test
    void theChatTopicIsPersonalEachUserHasTheirOwnSequence() throws Exception {
        ChatClient erin = ChatClient.signUp(port, "erin");
        ChatClient frank = ChatClient.signUp(port, "frank");
        try (WsClient ws = WsClient.connect(port, frank.bearer())) {
            JsonNode subscribed = ws.call("{\"jsonrpc\":\"2.0\",\"method\":\"subscribe\","
                    + "\"params\":{\"topics\":[\"chat\"]},\"id\":1}");
            assertThat(subscribed.path("result").path("chat").asLong()).isZero();
            ANTHROPIC.enqueue(AnthropicReply.text("Erin's private reply."));
            erin.sendJson(erin.newConversation(null), "hello");
            // frank saw nothing of it, and his own topic did not move: every message up to the answer is checked,
            // since an event delivered to him would arrive before it
            ws.send("{\"jsonrpc\":\"2.0\",\"method\":\"subscribe\",\"params\":{\"topics\":[\"chat\"]},\"id\":2}");
            JsonNode again = ws.nextJson();
            while (!again.has("id")) {
                assertThat(again.toString()).doesNotContain("private reply");
                again = ws.nextJson();
            }
            assertThat(again.toString()).doesNotContain("private reply");
            assertThat(again.path("result").path("chat").asLong()).isZero();
        }
    }

    static void assertStreamedTurn(List<ChatClient.SseEvent> events, String first, String second) {
        List<String> names = events.stream().map(ChatClient.SseEvent::name).toList();
        assertThat(names).containsSubsequence("delta", "tool_call", "tool_result", "delta", "usage", "done");
        List<String> deltas = events.stream().filter(e -> e.name().equals("delta"))
                .map(e -> e.data().path("text").asString()).toList();
        assertThat(deltas.size()).as("the reply arrives in pieces").isGreaterThan(2);
        assertThat(String.join("", deltas)).isEqualTo(first + second);
        JsonNode call = events.stream().filter(e -> e.name().equals("tool_call")).findFirst().orElseThrow().data();
        assertThat(call.path("name").asString()).isEqualTo("current_time");
        JsonNode result = events.stream().filter(e -> e.name().equals("tool_result")).findFirst().orElseThrow().data();
        assertThat(result.path("error").asBoolean()).isFalse();
        assertThat(result.path("content").asString()).contains("UTC");
        assertThat(events.getLast().name()).isEqualTo("done");
        assertThat(events.getLast().data().path("stopReason").asString()).isEqualTo("end_turn");
    }

    static void assertStoredTurn(JsonNode newestFirst, String reply) {
        assertThat(newestFirst.size()).isEqualTo(4);
        List<String> roles = new ArrayList<>();
        newestFirst.forEach(message -> roles.addFirst(message.path("role").asString()));
        assertThat(roles).containsExactly("user", "assistant", "user", "assistant");
        JsonNode last = newestFirst.get(0);
        assertThat(last.path("text").asString()).isEqualTo(reply);
        assertThat(last.path("status").asString()).isEqualTo("complete");
        assertThat(last.path("usage").path("outputTokens").asLong()).isPositive();
        assertThat(last.path("tokens").asInt()).isPositive();
        assertThat(newestFirst.get(2).path("content").get(1).path("type").asString()).isEqualTo("tool_use");
        assertThat(newestFirst.get(1).path("content").get(0).path("type").asString()).isEqualTo("tool_result");
    }

    private static List<String> webSocketEvents(WsClient ws) throws InterruptedException {
        List<String> types = new ArrayList<>();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (!types.contains("chat.done") && Instant.now().isBefore(deadline)) {
            JsonNode event = ws.nextJson().path("params");
            if (event.path("topic").asString().equals("chat")) {
                types.add(event.path("type").asString());
            }
        }
        return types;
    }
}
