package dev.starkbot.conversation.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.starkbot.testing.Await;
import dev.starkbot.testing.Http;
import dev.starkbot.testing.WsClient;
import dev.starkbot.testing.fake.AnthropicReply;
import dev.starkbot.testing.fake.FakeAnthropicServer;
import dev.starkbot.testing.fake.FakeProviders;
import tools.jackson.databind.JsonNode;

/** Commands typed in a chat: answered, never stored, the same over REST and the WebSocket. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "starkbot.rate-limit.enabled=false", "starkbot.accounts.registration=open",
        "starkbot.conversations.ai-titles=false"})
class ChatCommandsIntegrationTest {

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
    void commandsAreAnsweredWithoutBeingStoredOrSentToTheModel() {
        ChatClient person = ChatClient.signUp(port, "commander");
        String conversation = person.newConversation(null);
        int before = ANTHROPIC.requests().size();

        JsonNode help = person.sendJson(conversation, "/help");
        assertThat(help.path("stopReason").asString()).isEqualTo("command");
        assertThat(help.path("reply").asString()).contains("/new", "/persona", "/model", "/stop", "/compact",
                "/usage", "/status").doesNotContain("/config");
        JsonNode model = person.sendJson(conversation, "/model anthropic:claude-haiku-4-5");
        // a command's answer is Markdown: names in it are escaped, to be shown as written
        assertThat(model.path("reply").asString()).isEqualTo("Model set to anthropic:claude\\-haiku\\-4\\-5.");
        assertThat(person.sendJson(conversation, "/status").path("reply").asString())
                .contains("anthropic:claude\\-haiku\\-4\\-5", "Default");
        assertThat(person.sendJson(conversation, "/usage").path("reply").asString()).contains("Tokens today: 0");
        assertThat(person.messages(conversation).size()).isZero();
        assertThat(ANTHROPIC.requests().size()).isEqualTo(before);

        JsonNode created = person.sendJson(conversation, "/new \"Holiday plans\"");
        String next = created.path("conversationId").asString();
        assertThat(next).isNotEqualTo(conversation);
        assertThat(Http.json(person.http().get("/api/conversations/" + next, person.bearer())).path("model")
                .asString()).isEqualTo("anthropic:claude-haiku-4-5");
    }

    @Test
    void adminCommandsAreRefusedToUsersAndSlashTextThatIsNoCommandGoesToTheModel() {
        ChatClient person = ChatClient.signUp(port, "plain");
        String conversation = person.newConversation(null);
        var refused = person.sendJsonRaw(conversation, "/config");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("command-forbidden");
        var syntax = person.sendJsonRaw(conversation, "/persona \"unclosed");
        assertThat(syntax.statusCode()).isEqualTo(422);
        assertThat(syntax.body()).contains("column 10");

        ANTHROPIC.enqueue(AnthropicReply.text("That is a path."));
        JsonNode path = person.sendJson(conversation, "/etc/hosts is where?");
        assertThat(path.path("stopReason").asString()).isEqualTo("end_turn");
        assertThat(Http.json(person.http().get("/api/commands", person.bearer())).toString()).contains("\"help\"");
    }

    @Test
    void stopWorksWhileAReplyIsBeingWrittenAndCommandsRunOverTheWebSocket() throws Exception {
        ChatClient person = ChatClient.signUp(port, "stopper");
        String conversation = person.newConversation(null);
        ANTHROPIC.enqueue(AnthropicReply.paced(AnthropicReply.text("a b c d e f g h i j k l m n o p"),
                Duration.ofMillis(200)));
        CompletableFuture<JsonNode> turn = CompletableFuture.supplyAsync(() -> person.sendJson(conversation,
                "talk slowly"));
        Await.until("the reply has begun", Duration.ofSeconds(5), () -> person.messages(conversation).size() >= 1);
        Thread.sleep(500);
        try (WsClient ws = WsClient.connect(port, person.bearer())) {
            JsonNode stopped = ws.call("{\"jsonrpc\":\"2.0\",\"method\":\"chat.send\",\"params\":{\"id\":\""
                    + conversation + "\",\"text\":\"/stop\"},\"id\":1}");
            assertThat(stopped.path("result").path("reply").asString()).isEqualTo("Stopped.");
        }
        assertThat(turn.get().path("stopReason").asString()).isEqualTo("cancelled");
    }
}
