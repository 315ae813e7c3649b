package dev.starkbot.conversation.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.starkbot.ai.ContentBlock;
import dev.starkbot.conversation.ConversationService;
import dev.starkbot.conversation.Message;
import dev.starkbot.conversation.TurnResult;
import dev.starkbot.testing.Http;
import dev.starkbot.testing.StorageTest;
import dev.starkbot.testing.TestUser;
import dev.starkbot.testing.fake.AnthropicReply;
import dev.starkbot.testing.fake.FakeAnthropicServer;
import dev.starkbot.testing.fake.FakeProviders;
import dev.starkbot.user.Role;

/**
 * A person's message handed over twice under one key (a platform message retried after a crash) is stored once:
 * a finished turn is answered from what was stored, a cut-off one is carried on by the model.
 */
@StorageTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "starkbot.rate-limit.enabled=false", "starkbot.accounts.registration=open",
        "starkbot.conversations.ai-titles=false"})
class MessageKeyIntegrationTest {

    static final FakeAnthropicServer ANTHROPIC = FakeAnthropicServer.start();

    @LocalServerPort
    int port;

    @Autowired
    ConversationService conversations;

    @Autowired
    MessageRepository messages;

    @Autowired
    ConversationRepository conversationRows;

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
    void aFinishedTurnHandedOverAgainIsAnsweredFromWhatWasStoredWithoutAskingTheModel() {
        String owner = TestUser.signUp(new Http(port), "keyed").id();
        String conversation = conversations.create(owner, null, null, null, "test").id();
        ANTHROPIC.enqueue(AnthropicReply.text("Stored answer."));

        TurnResult first = conversations.send(owner, conversation, "question", "test", Role.USER, "key-1", e -> { });
        int requests = ANTHROPIC.requests().size();
        TurnResult again = conversations.send(owner, conversation, "question", "test", Role.USER, "key-1", e -> { });

        assertThat(ANTHROPIC.requests()).hasSize(requests);
        assertThat(text(again)).isEqualTo(text(first)).isEqualTo("Stored answer.");
        assertThat(userMessages(conversation)).isEqualTo(1);
    }

    @Test
    void aTurnCutOffAfterAToolCallIsCarriedOnWithTheCallAnsweredAndLaterTurnsAreNotPartOfIt() {
        String owner = TestUser.signUp(new Http(port), "cut").id();
        String conversation = conversations.create(owner, null, null, null, "test").id();
        // what a process that died right after the model asked for a tool left behind
        long now = System.currentTimeMillis();
        messages.insert(conversation, conversationRows.nextSeq(conversation, now), "user",
                List.of(new ContentBlock.Text("what time is it?")), 5, "complete", null, null, 0, "test", now,
                "key-2");
        messages.insert(conversation, conversationRows.nextSeq(conversation, now), "assistant",
                List.of(new ContentBlock.Text("Let me look."),
                        new ContentBlock.ToolUse("toolu_9", "current_time", "{}")),
                5, "complete", "anthropic:claude-sonnet-4-5", null, 0, "test", now, null);
        ANTHROPIC.enqueue(AnthropicReply.text("It is noon."));

        TurnResult carried = conversations.send(owner, conversation, "what time is it?", "test", Role.USER,
                "key-2", e -> { });

        assertThat(text(carried)).contains("It is noon.");
        assertThat(userMessages(conversation)).isEqualTo(1);
        // the unrun call was answered before the model was asked again
        assertThat(ANTHROPIC.requests().getLast().json().path("messages").toString())
                .contains("\"tool_use_id\":\"toolu_9\"", "interrupted by a restart");

        ANTHROPIC.enqueue(AnthropicReply.text("A later answer."));
        conversations.send(owner, conversation, "and later?", "test", Role.USER, "key-3", e -> { });
        int requests = ANTHROPIC.requests().size();
        TurnResult replayed = conversations.send(owner, conversation, "what time is it?", "test", Role.USER,
                "key-2", e -> { });
        assertThat(ANTHROPIC.requests()).hasSize(requests);
        assertThat(text(replayed)).contains("It is noon.").doesNotContain("A later answer.");
    }

    private static String text(TurnResult result) {
        return String.join("\n", result.messages().stream().filter(m -> m.role().equals("assistant"))
                .map(Message::text).toList());
    }

    private int userMessages(String conversation) {
        return jdbc.sql("SELECT COUNT(*) FROM messages WHERE conversation_id = ? AND role = 'user' "
                + "AND body <> ''").param(conversation).query(Integer.class).single();
    }
}
