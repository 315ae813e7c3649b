package dev.starkbot.conversation.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.starkbot.testing.Await;
import dev.starkbot.testing.Http;
import dev.starkbot.testing.fake.AnthropicReply;
import dev.starkbot.testing.fake.FakeAnthropicServer;
import dev.starkbot.testing.fake.FakeProviders;
import dev.starkbot.testing.fake.FakeOpenAiServer;
import dev.starkbot.testing.fake.OpenAiReply;
import tools.jackson.databind.JsonNode;

/**
 * How a turn behaves when the provider misbehaves: each fault is retried, falls back, or ends the reply as
 * interrupted with its text kept and the person told, and the conversation answers the next message normally.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "starkbot.rate-limit.enabled=false", "starkbot.accounts.registration=open",
        "starkbot.conversations.ai-titles=false", "starkbot.ai.retry.initial-backoff=20ms",
        "starkbot.ai.retry.max-backoff=50ms", "starkbot.ai.anthropic.read-timeout=700ms",
        "starkbot.ai.fallbacks=openai:gpt-4o-mini", "starkbot.ai.max-tool-steps=2",
        "starkbot.ai.allowed-models=anthropic:claude-sonnet-*"})
class ChatFaultsIntegrationTest {

    static final FakeAnthropicServer ANTHROPIC = FakeAnthropicServer.start();
    static final FakeOpenAiServer OPENAI = FakeOpenAiServer.start();
    private static final String REPLY = "One two three four five six seven eight nine ten eleven twelve.";

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
    void aRateLimitIsWaitedOutAsTheProviderAsksAndThePersonIsTold() throws Exception {
        ChatClient person = ChatClient.signUp(port, "patient");
        String conversation = person.newConversation("anthropic:claude-sonnet-4-5");
        int before = ANTHROPIC.requests().size();
        ANTHROPIC.enqueue(AnthropicReply.rateLimited(1), AnthropicReply.text(REPLY));
        long started = System.nanoTime();
        List<ChatClient.SseEvent> events = person.sendStreaming(conversation, "hello");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("retry-after honoured")
                .isGreaterThanOrEqualTo(Duration.ofMillis(900));
        assertThat(text(events)).isEqualTo(REPLY);
        assertThat(events.stream().filter(e -> e.name().equals("status")).findFirst().orElseThrow().data()
                .path("message").asString()).contains("rate-limited");
        assertThat(ANTHROPIC.requests().size() - before).isEqualTo(2);
        assertUsable(person, conversation);
    }

    @Test
    void overloadedIsRetried() throws Exception {
        ChatClient person = ChatClient.signUp(port, "overloaded");
        String conversation = person.newConversation("anthropic:claude-sonnet-4-5");
        ANTHROPIC.enqueue(AnthropicReply.overloaded(), AnthropicReply.text(REPLY));
        assertThat(text(person.sendStreaming(conversation, "hello"))).isEqualTo(REPLY);
        assertUsable(person, conversation);
    }

    @Test
    void anErrorEventAfterTextEndsTheReplyAsInterruptedWithTheTextKept() throws Exception {
        ChatClient person = ChatClient.signUp(port, "error-event");
        String conversation = person.newConversation("anthropic:claude-sonnet-4-5");
        ANTHROPIC.enqueue(AnthropicReply.errorEvent("overloaded_error"));
        List<ChatClient.SseEvent> events = person.sendStreaming(conversation, "hello");
        assertThat(text(events)).isNotEmpty();
        assertThat(events.getLast().data().path("stopReason").asString()).isEqualTo("interrupted");
        JsonNode stored = person.messages(conversation);
        assertThat(stored.get(0).path("text").asString()).contains("interrupted", "overloaded_error");
        assertThat(stored.get(1).path("text").asString()).isEqualTo(text(events));
        assertUsable(person, conversation);
    }

    @Test
    void aStreamCutMidwayKeepsThePartialTextMarksItInterruptedAndTellsThePerson() throws Exception {
        ChatClient person = ChatClient.signUp(port, "cut");
        String conversation = person.newConversation("anthropic:claude-sonnet-4-5");
        ANTHROPIC.enqueue(AnthropicReply.cutAfter(AnthropicReply.text(REPLY), 6));
        List<ChatClient.SseEvent> events = person.sendStreaming(conversation, "hello");
        assertInterrupted(person, conversation, events);
        assertUsable(person, conversation);
    }

    @Test
    void aMalformedEventMidStreamIsAnInterruptionNotAHang() throws Exception {
        ChatClient person = ChatClient.signUp(port, "malformed");
        String conversation = person.newConversation("anthropic:claude-sonnet-4-5");
        ANTHROPIC.enqueue(AnthropicReply.malformedAfter(AnthropicReply.text(REPLY), 6));
        List<ChatClient.SseEvent> events = person.sendStreaming(conversation, "hello");
        assertInterrupted(person, conversation, events);
        assertUsable(person, conversation);
    }

    @Test
    void noFirstByteWithinTheTimeoutIsRetried() throws Exception {
        ChatClient person = ChatClient.signUp(port, "stalled");
        String conversation = person.newConversation("anthropic:claude-sonnet-4-5");
        ANTHROPIC.enqueue(AnthropicReply.stall(Duration.ofSeconds(5)), AnthropicReply.text(REPLY));
        List<ChatClient.SseEvent> events = person.sendStreaming(conversation, "hello");
        assertThat(text(events)).isEqualTo(REPLY);
        assertThat(events.stream().anyMatch(e -> e.name().equals("status")
                && e.data().path("message").asString().contains("no answer in time"))).isTrue();
        assertUsable(person, conversation);
    }

    @Test
    void whenClaudeStaysDownTheFallbackModelAnswers() throws Exception {
        ChatClient person = ChatClient.signUp(port, "fallback");
        String conversation = person.newConversation("anthropic:claude-sonnet-4-5");
        ANTHROPIC.enqueue(AnthropicReply.overloaded(), AnthropicReply.overloaded(), AnthropicReply.overloaded());
        OPENAI.enqueue(OpenAiReply.text("The fallback answers."));
        List<ChatClient.SseEvent> events = person.sendStreaming(conversation, "hello");
        assertThat(text(events)).isEqualTo("The fallback answers.");
        assertThat(person.messages(conversation).get(0).path("model").asString()).isEqualTo("openai:gpt-4o-mini");
        assertThat(events.stream().anyMatch(e -> e.name().equals("status")
                && e.data().path("message").asString().contains("gpt-4o-mini instead"))).isTrue();
    }

    @Test
    void whenEveryModelFailsThePersonGetsAClearErrorAndTheirMessageIsKept() {
        ChatClient person = ChatClient.signUp(port, "unlucky");
        String conversation = person.newConversation("anthropic:claude-sonnet-4-5");
        ANTHROPIC.enqueue(AnthropicReply.overloaded(), AnthropicReply.overloaded(), AnthropicReply.overloaded());
        OPENAI.enqueue(OpenAiReply.serverError(503), OpenAiReply.serverError(503), OpenAiReply.serverError(503));
        var response = person.sendJsonRaw(conversation, "anyone there?");
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).contains("application/problem+json");
        assertThat(response.body()).contains("model-unavailable");
        assertThat(person.messages(conversation).get(0).path("text").asString()).isEqualTo("anyone there?");
        assertUsable(person, conversation);
    }

    @Test
    void chatAbortStopsTheUpstreamStreamAndKeepsWhatWasSaid() throws Exception {
        ChatClient person = ChatClient.signUp(port, "impatient");
        String conversation = person.newConversation("anthropic:claude-sonnet-4-5");
        ANTHROPIC.enqueue(AnthropicReply.paced(AnthropicReply.text(REPLY + " " + REPLY), Duration.ofMillis(150)));
        CompletableFuture<List<ChatClient.SseEvent>> turn = CompletableFuture.supplyAsync(() -> {
            try {
                return person.sendStreaming(conversation, "talk slowly");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Await.until("the reply has begun", Duration.ofSeconds(5), () -> person.messages(conversation).size() >= 1);
        Thread.sleep(700);
        JsonNode aborted = Http.json(person.http().call("POST", "/api/conversations/" + conversation
                + "/abort", null, person.bearer()));
        assertThat(aborted.path("aborted").asBoolean()).isTrue();
        List<ChatClient.SseEvent> events = turn.get();
        assertThat(events.getLast().data().path("stopReason").asString()).isEqualTo("cancelled");
        JsonNode stored = person.messages(conversation);
        JsonNode reply = stored.get(1);
        assertThat(reply.path("status").asString()).isEqualTo("interrupted");
        assertThat(reply.path("text").asString()).isNotEmpty();
        assertThat(REPLY + " " + REPLY).startsWith(reply.path("text").asString());
        assertUsable(person, conversation);
    }

    @Test
    void aTurnStoppedAtTheToolStepCapAnswersItsLastCallSoTheConversationGoesOn() throws Exception {
        ChatClient person = ChatClient.signUp(port, "looping");
        String conversation = person.newConversation("anthropic:claude-sonnet-4-5");
        ANTHROPIC.enqueue(AnthropicReply.toolUse("", "toolu_a", "current_time", "{}"),
                AnthropicReply.toolUse("", "toolu_b", "current_time", "{}"));
        List<ChatClient.SseEvent> events = person.sendStreaming(conversation, "what time is it, again and again?");
        assertThat(events.getLast().data().path("stopReason").asString()).isEqualTo("max_tokens");
        assertThat(person.messages(conversation).get(0).path("text").asString()).contains("2 tool steps");
        assertUsable(person, conversation);
        // the next request answered toolu_b, the call the cap left unrun, or Claude would have refused it
        assertThat(ANTHROPIC.requests().getLast().json().path("messages").toString())
                .contains("\"tool_use_id\":\"toolu_b\"", "not run");
    }

    @Test
    void aToolThePersonaDoesNotAllowIsNeverRunEvenWhenTheModelCallsIt() throws Exception {
        ChatClient person = ChatClient.signUp(port, "restricted");
        String persona = Http.json(person.http().call("POST", "/api/personas",
                "{\"name\":\"No tools\",\"systemPrompt\":\"You help.\",\"allowedTools\":[]}", person.bearer()))
                .path("id").asString();
        String conversation = Http.json(person.http().call("POST", "/api/conversations",
                "{\"personaId\":\"" + persona + "\"}", person.bearer())).path("id").asString();
        ANTHROPIC.enqueue(AnthropicReply.toolUse("", "toolu_x", "search_conversations", "{\"query\":\"secret\"}"),
                AnthropicReply.text("I cannot search."));
        List<ChatClient.SseEvent> events = person.sendStreaming(conversation, "search my history");
        JsonNode result = events.stream().filter(e -> e.name().equals("tool_result")).findFirst().orElseThrow()
                .data();
        assertThat(result.path("error").asBoolean()).isTrue();
        assertThat(result.path("content").asString()).contains("not available");
        assertThat(ANTHROPIC.requests().getLast().json().has("tools")).isFalse();
    }

    @Test
    void aModelTheAdminDidNotAllowIsRefusedWhenChosen() {
        ChatClient person = ChatClient.signUp(port, "extravagant");
        var refused = person.http().call("POST", "/api/conversations", "{\"model\":\"anthropic:claude-opus-4\"}",
                person.bearer());
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.body()).contains("model-not-allowed");
        assertThat(person.http().call("POST", "/api/conversations", "{\"model\":\"anthropic:claude-sonnet-4\"}",
                person.bearer()).statusCode()).isEqualTo(201);
        var empty = person.http().call("POST", "/api/conversations", "{\"model\":\"anthropic:\"}", person.bearer());
        assertThat(empty.statusCode()).isEqualTo(422);
        assertThat(empty.body()).contains("names no model");
    }

    private static void assertInterrupted(ChatClient person, String conversation, List<ChatClient.SseEvent> events) {
        String partial = text(events);
        assertThat(partial).isNotEmpty();
        assertThat(REPLY).startsWith(partial).isNotEqualTo(partial);
        assertThat(events.getLast().data().path("stopReason").asString()).isEqualTo("interrupted");
        assertThat(events.stream().anyMatch(e -> e.name().equals("notice"))).isTrue();
        JsonNode stored = person.messages(conversation);
        assertThat(stored.get(0).path("role").asString()).isEqualTo("notice");
        assertThat(stored.get(1).path("status").asString()).isEqualTo("interrupted");
        assertThat(stored.get(1).path("text").asString()).isEqualTo(partial);
    }

    private static void assertUsable(ChatClient person, String conversation) {
        ANTHROPIC.enqueue(AnthropicReply.text("Still here."));
        JsonNode next = person.sendJson(conversation, "are you still there?");
        assertThat(next.path("stopReason").asString()).isEqualTo("end_turn");
        assertThat(next.path("messages").get(1).path("text").asString()).isEqualTo("Still here.");
    }

    private static String text(List<ChatClient.SseEvent> events) {
        return String.join("", events.stream().filter(e -> e.name().equals("delta"))
                .map(e -> e.data().path("text").asString()).toList());
    }
}
