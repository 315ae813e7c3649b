package dev.starkbot.conversation.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.starkbot.testing.Await;
import dev.starkbot.testing.Http;
import dev.starkbot.testing.StorageTest;
import dev.starkbot.testing.fake.AnthropicReply;
import dev.starkbot.testing.fake.FakeAnthropicServer;
import dev.starkbot.testing.fake.FakeProviders;
import tools.jackson.databind.JsonNode;

/** The schedule task types of conversations: a reminder posted into a conversation, and a daily briefing. */
@StorageTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "starkbot.rate-limit.enabled=false", "starkbot.accounts.registration=open",
        "starkbot.conversations.ai-titles=false", "starkbot.schedules.polling-interval=100ms",
        "starkbot.jobs.polling-interval=200ms"})
class ConversationTasksIntegrationTest {

    static final FakeAnthropicServer ANTHROPIC = FakeAnthropicServer.start();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void providers(DynamicPropertyRegistry registry) {
        FakeProviders.register(registry, ANTHROPIC, null);
    }

    @AfterAll
    static void stop() {
        ANTHROPIC.close();
    }

    @Test
    void aScheduledMessageLandsInTheConversationAsANotice() throws Exception {
        ChatClient person = ChatClient.signUp(port, "reminded");
        String conversation = person.newConversation(null);
        String id = schedule(person, "{\"type\":\"message\",\"params\":{\"conversationId\":\"" + conversation
                + "\",\"text\":\"Water the plants\"}}");
        JsonNode job = awaitRun(person, id);
        assertThat(job.path("status").asString()).isEqualTo("completed");
        JsonNode messages = person.messages(conversation);
        assertThat(messages.get(0).path("role").asString()).isEqualTo("notice");
        assertThat(messages.get(0).path("text").asString()).isEqualTo("Water the plants");
    }

    @Test
    void aScheduledPromptAsksTheModelAndLeavesTheAnswerInANewConversation() throws Exception {
        ChatClient person = ChatClient.signUp(port, "briefed");
        ANTHROPIC.enqueue(AnthropicReply.text("Good morning: sunny, three meetings."));
        String id = schedule(person, "{\"type\":\"ai-prompt\",\"params\":{\"prompt\":\"Brief me on my day\"}}");
        JsonNode job = awaitRun(person, id);
        assertThat(job.path("status").asString()).isEqualTo("completed");
        JsonNode result = tools.jackson.databind.json.JsonMapper.shared().readTree(job.path("result").asString());
        assertThat(result.path("answer").asString()).isEqualTo("Good morning: sunny, three meetings.");
        JsonNode messages = person.messages(result.path("conversationId").asString());
        assertThat(messages.get(0).path("text").asString()).isEqualTo("Good morning: sunny, three meetings.");
        assertThat(messages.get(1).path("text").asString()).isEqualTo("Brief me on my day");
    }

    @Test
    void tasksAreValidatedOnSaveAndOnlyTheOwnersConversationsAreAccepted() {
        ChatClient owner = ChatClient.signUp(port, "owner");
        ChatClient other = ChatClient.signUp(port, "other");
        String theirs = other.newConversation(null);
        HttpResponse<String> refused = owner.http().call("POST", "/api/schedules", body(
                "{\"type\":\"message\",\"params\":{\"conversationId\":\"" + theirs + "\"}}"), owner.bearer());
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.body()).contains("task.params.conversationId", "not one of your conversations",
                "task.params.text");
    }

    private String schedule(ChatClient person, String task) {
        HttpResponse<String> created = person.http().call("POST", "/api/schedules", body(task), person.bearer());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return Http.json(created).path("id").asString();
    }

    /** A one-time trigger two seconds ahead, in UTC wall-clock time. */
    private static String body(String task) {
        String at = LocalDateTime.ofInstant(java.time.Instant.now().plusSeconds(2).truncatedTo(ChronoUnit.SECONDS),
                ZoneOffset.UTC).toString();
        return "{\"name\":\"test\",\"trigger\":{\"type\":\"once\",\"at\":\"" + at + "\",\"zone\":\"UTC\"},"
                + "\"task\":" + task + ",\"maxAttempts\":1}";
    }

    private static JsonNode awaitRun(ChatClient person, String scheduleId) throws InterruptedException {
        Await.until("the task's run", Duration.ofSeconds(30), () -> {
            JsonNode job = Http.json(person.http().get("/api/schedules/" + scheduleId, person.bearer()))
                    .path("lastJob");
            return job.path("status").asString("").matches("completed|failed");
        });
        return Http.json(person.http().get("/api/schedules/" + scheduleId, person.bearer())).path("lastJob");
    }
}
