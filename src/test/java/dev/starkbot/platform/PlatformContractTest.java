package dev.starkbot.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;

import dev.starkbot.platform.spi.Platform;
import dev.starkbot.testing.Await;
import dev.starkbot.testing.Http;
import dev.starkbot.testing.fake.AnthropicReply;
import dev.starkbot.testing.fake.FakeAnthropicServer;
import dev.starkbot.testing.fake.FakeProviders;
import tools.jackson.databind.JsonNode;

/**
 * What every chat platform adapter must do, run against the adapter's fake platform server and a fake Claude, with
 * the whole of StarkBot between them. An adapter's test extends this class, starts StarkBot with
 * {@code @SpringBootTest} pointed at its fake (calling {@link #registerModel} from its {@code
 * @DynamicPropertySource}, with the platform's access mode {@code open} and an admin {@code owner} / {@link
 * #OWNER_PASSWORD}), and implements {@link #fake()}.
 */
public abstract class PlatformContractTest {

    protected static final FakeAnthropicServer MODEL = FakeAnthropicServer.start();
    protected static final String OWNER_PASSWORD = "the owner's password";
    protected static final Duration WAIT = Duration.ofSeconds(20);
    private static final AtomicLong PEOPLE = new AtomicLong(50_000);

    @LocalServerPort
    protected int port;

    @Autowired
    protected List<Platform> platforms;

    /**
     * The adapter's fake platform, driven as people would use it. Chat and person ids are the platform's own, as
     * strings; each test uses people of its own.
     */
    protected interface FakePlatform {

        String name();

        /** A person writes to the bot directly; returns the chat's id. */
        String personWrites(long personId, String name, String text);

        /** A person writes in a group the bot is in, mentioning the bot or not. */
        void personWritesInGroup(String groupId, long personId, String name, String text, boolean mentioningBot);

        /** A group (or server channel) the bot is in. */
        String group(String title);

        /** What the bot shows in a chat, oldest first: each message's current text as people see it. */
        List<String> botMessages(String chatId);

        /** The next send is refused with the platform's rate limit, asking to wait this long. */
        void rateLimitNextSend(Duration retryAfter);

        /** The platform is unreachable for a while (connections refused or dropped). */
        void outage(Duration duration);
    }

    protected abstract FakePlatform fake();

    protected static void registerModel(DynamicPropertyRegistry registry) {
        FakeProviders.register(registry, MODEL, null);
        registry.add("starkbot.admin.username", () -> "owner");
        registry.add("starkbot.admin.password", () -> OWNER_PASSWORD);
        registry.add("starkbot.conversations.ai-titles", () -> "false");
        registry.add("starkbot.platforms.stream-edit-interval", () -> "100ms");
    }

    private static long person() {
        return PEOPLE.incrementAndGet();
    }

    private String awaitReplyContaining(String chatId, String text) throws InterruptedException {
        Await.until("a reply containing '" + text + "'", WAIT,
                () -> fake().botMessages(chatId).stream().anyMatch(message -> message.contains(text)),
                () -> "the bot showed " + fake().botMessages(chatId));
        return fake().botMessages(chatId).stream().filter(message -> message.contains(text)).findFirst()
                .orElseThrow();
    }

    @Test
    void aDirectMessageIsAnsweredWithTheModelsReplyRenderedForThePlatform() throws Exception {
        MODEL.enqueue(AnthropicReply.text("Hello there, this is **important**."));

        String chat = fake().personWrites(person(), "Ann", "hello");

        // the reply's last word: a streamed preview may show its first words before the rest
        String reply = awaitReplyContaining(chat, "important.");
        // Markdown became the platform's formatting: the asterisks are not shown
        assertThat(reply).contains("Hello there", "important").doesNotContain("**");
        assertThat(MODEL.requests().getLast().json().path("messages").toString()).contains("hello");
    }

    @Test
    void aLongReplyArrivesInOrderSplitWithinThePlatformsLimitAndWholeCodeBlocks() throws Exception {
        Platform platform = platforms.stream().filter(p -> p.name().equals(fake().name())).findFirst().orElseThrow();
        int limit = platform.format().maxLength();
        String prose = "Every sentence here matters to the whole answer. ".repeat(limit / 50 + 5);
        String code = "```java\n" + "int x = 1; // a line of code\n".repeat(limit / 30 + 5) + "```";
        MODEL.enqueue(AnthropicReply.text(prose + "\n\n" + code + "\n\nTHE END"));

        String chat = fake().personWrites(person(), "Ben", "tell me all");

        awaitReplyContaining(chat, "THE END");
        List<String> messages = fake().botMessages(chat);
        assertThat(messages).hasSizeGreaterThanOrEqualTo(3);
        assertThat(messages).allSatisfy(message -> assertThat(message.length()).isLessThanOrEqualTo(limit));
        assertThat(messages.getFirst()).startsWith("Every sentence");
        assertThat(messages.getLast()).endsWith("THE END");
        assertThat(String.join("", messages).replaceAll("\\s", ""))
                .contains("intx=1;//alineofcode".repeat(limit / 30 + 5));
    }

    @Test
    void aRateLimitedReplyIsSentAgainAfterTheWaitAndArrivesOnce() throws Exception {
        MODEL.enqueue(AnthropicReply.text("Worth the wait."));
        fake().rateLimitNextSend(Duration.ofSeconds(1));

        String chat = fake().personWrites(person(), "Cid", "hi");

        awaitReplyContaining(chat, "Worth the wait.");
        Thread.sleep(500);
        assertThat(fake().botMessages(chat)).filteredOn(message -> message.contains("Worth the wait.")).hasSize(1);
    }

    @Test
    void aCommandIsAnsweredWithoutAskingTheModel() throws Exception {
        int before = MODEL.requests().size();

        String chat = fake().personWrites(person(), "Dee", "/help");

        awaitReplyContaining(chat, "/new");
        assertThat(MODEL.requests()).hasSize(before);
    }

    @Test
    void inAGroupTheBotAnswersOnlyWhenMentioned() throws Exception {
        String group = fake().group("Team");
        long fay = person();
        MODEL.enqueue(AnthropicReply.text("Answering the mention."));

        fake().personWritesInGroup(group, fay, "Fay", "just chatting among ourselves", false);
        fake().personWritesInGroup(group, fay, "Fay", "what do you think?", true);

        awaitReplyContaining(group, "Answering the mention.");
        assertThat(fake().botMessages(group)).hasSize(1);
        assertThat(MODEL.requests().getLast().json().path("messages").toString())
                .contains("what do you think?").doesNotContain("just chatting");
    }

    @Test
    void messagesSentDuringAnOutageAreAnsweredAfterwardsWithNothingLost() throws Exception {
        long gus = person();
        MODEL.enqueue(AnthropicReply.text("First answer."), AnthropicReply.text("Second answer."));
        fake().outage(Duration.ofSeconds(3));

        String chat = fake().personWrites(gus, "Gus", "first question");
        fake().personWrites(gus, "Gus", "second question");

        awaitReplyContaining(chat, "Second answer.");
        assertThat(fake().botMessages(chat)).containsSubsequence(List.of("First answer.", "Second answer."));
        awaitConnected();
    }

    /** Waits until {@code GET /api/platforms} says the platform is connected. */
    protected void awaitConnected() throws InterruptedException {
        Http http = new Http(port);
        String token = Http.json(http.postJson("/api/auth/login",
                "{\"username\":\"owner\",\"password\":\"" + OWNER_PASSWORD + "\"}")).path("token").asString();
        Await.until(fake().name() + " connected", WAIT, () -> status(http, token).path("state").asString()
                .equals("CONNECTED"));
    }

    private JsonNode status(Http http, String token) {
        for (JsonNode status : Http.json(http.get("/api/platforms", "Authorization", "Bearer " + token))) {
            if (status.path("platform").asString().equals(fake().name())) {
                return status;
            }
        }
        throw new AssertionError("no status for " + fake().name());
    }
}
