package dev.starkbot.platform.discord.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.starkbot.platform.Attachment;
import dev.starkbot.platform.Button;
import dev.starkbot.platform.OutgoingMessage;
import dev.starkbot.platform.PlatformContractTest;
import dev.starkbot.platform.spi.DeliveryException;
import dev.starkbot.platform.spi.Platform;
import dev.starkbot.shared.StarkBotProperties;
import dev.starkbot.testing.StorageTest;
import dev.starkbot.testing.fake.AnthropicReply;
import dev.starkbot.testing.fake.DiscordFault;
import dev.starkbot.testing.fake.DiscordMessage;
import dev.starkbot.testing.fake.DiscordUser;
import dev.starkbot.testing.fake.FakeDiscordServer;
import tools.jackson.databind.JsonNode;

/**
 * The Discord adapter: the platform contract, and what Discord adds (slash commands answered in place, buttons,
 * reactions, streamed edits, a Gateway that drops and resumes), through JDA against a fake Discord on loopback.
 */
@StorageTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "starkbot.rate-limit.enabled=false", "starkbot.platforms.discord.access.mode=open",
        "starkbot.platforms.typing-interval=200ms", "starkbot.platforms.telegram.enabled=false"})
class DiscordPlatformIntegrationTest extends PlatformContractTest {

    static final FakeDiscordServer DISCORD = FakeDiscordServer.start();
    static final long GUILD = 910_000_000_000_000_001L;
    static final DiscordUser OWNER = DiscordUser.human(810_000_000_000_000_001L, "tony");
    private static final String MESSAGES = "POST /channels/{channel_id}/messages";
    private static final int RESUME = 6;
    private static final int IDENTIFY = 2;

    @Autowired
    StarkBotProperties starkbot;
    /** Channels exist before the bot connects (they come with the server in GUILD_CREATE); tests take fresh ones. */
    private static final ConcurrentLinkedQueue<Long> CHANNELS = new ConcurrentLinkedQueue<>();
    private static final Map<Long, DiscordUser> PEOPLE = new ConcurrentHashMap<>();
    private static final AtomicLong IDS = new AtomicLong(820_000_000_000_000_000L);

    static {
        DISCORD.guild(GUILD, "Stark Industries", OWNER);
        for (int i = 0; i < 20; i++) {
            long channel = 920_000_000_000_000_000L + i;
            DISCORD.textChannel(GUILD, channel, "channel-" + i);
            CHANNELS.add(channel);
        }
    }

    @DynamicPropertySource
    static void fakes(DynamicPropertyRegistry registry) {
        registerModel(registry);
        registry.add("starkbot.platforms.discord.api-url", DISCORD::restUrl);
        registry.add("starkbot.platforms.discord.gateway-url", DISCORD::gatewayUrl);
        registry.add("starkbot.platforms.discord.bot-token", DISCORD::token);
    }

    /** Discord delivers nothing to a bot that has not connected yet: unlike Telegram, it keeps no queue. */
    @BeforeEach
    void connected() throws InterruptedException {
        awaitConnected();
    }

    @AfterAll
    static void stop() {
        DISCORD.close();
    }

    @Override
    protected FakePlatform fake() {
        return new FakePlatform() {
            @Override
            public String name() {
                return "discord";
            }

            @Override
            public String personWrites(long personId, String name, String text) {
                DiscordUser person = person(personId, name);
                DISCORD.userSends(DISCORD.dmChannel(person), person, text);
                return Long.toString(personId);
            }

            @Override
            public void personWritesInGroup(String groupId, long personId, String name, String text,
                                            boolean mentioningBot) {
                DiscordUser person = person(personId, name);
                if (mentioningBot) {
                    DISCORD.userMentionsBot(Long.parseLong(groupId), person, text);
                } else {
                    DISCORD.userSends(Long.parseLong(groupId), person, text);
                }
            }

            @Override
            public String group(String title) {
                return Long.toString(channel());
            }

            @Override
            public List<String> botMessages(String chatId) {
                return messages(chatId).stream().map(message -> shown(visible(message))).toList();
            }

            @Override
            public void rateLimitNextSend(Duration retryAfter) {
                DISCORD.failNext(MESSAGES, DiscordFault.rateLimited(retryAfter.toMillis() / 1000.0));
            }

            @Override
            public void outage(Duration duration) {
                DISCORD.outage(duration);
            }
        };
    }

    private static DiscordUser person(long id, String name) {
        return PEOPLE.computeIfAbsent(id, key -> DiscordUser.human(key, name.toLowerCase(java.util.Locale.ROOT)));
    }

    private static long channel() {
        Long channel = CHANNELS.poll();
        if (channel == null) {
            throw new IllegalStateException("no channels left: make more before the bot connects");
        }
        return channel;
    }

    /** A chat's messages: a direct chat's id is the person's, its messages are in their DM channel. */
    private static List<DiscordMessage> messages(String chatId) {
        DiscordUser person = PEOPLE.get(Long.parseLong(chatId));
        return DISCORD.sentMessages(person == null ? Long.parseLong(chatId) : DISCORD.dmChannel(person));
    }

    /** The message's content and its embeds' descriptions (StarkBot's notices are embeds). */
    static String visible(DiscordMessage message) {
        var text = new StringBuilder(message.content());
        for (JsonNode embed : message.embeds()) {
            text.append(text.isEmpty() ? "" : "\n").append(embed.path("description").asString(""));
        }
        return text.toString();
    }

    /** Roughly what Discord shows of its Markdown: fences, emphasis markers and escapes removed. */
    static String shown(String content) {
        return content.replaceAll("(?m)^```[A-Za-z0-9_+#.-]*$", "").replaceAll("(?m)^> ", "")
                .replaceAll("\\*\\*|~~|__", "").replaceAll("(?<!\\\\)\\*", "").replaceAll("\\\\(\\p{Punct})", "$1")
                .strip();
    }

    private Platform discord() {
        return platforms.stream().filter(platform -> platform.name().equals("discord")).findFirst().orElseThrow();
    }

    private static DiscordUser newPerson(String name) {
        return person(IDS.incrementAndGet(), name);
    }

    @Test
    void aMentionInAServerChannelGoesThroughTheModelAndBackAsAReplyWithTypingAndAReaction() throws Exception {
        long channel = channel();
        DiscordUser ann = newPerson("Ann");
        MODEL.enqueue(AnthropicReply.paced(AnthropicReply.text("Arc reactor output is **stable** at 3 GJ/s."),
                Duration.ofMillis(100)));

        JsonNode mention = DISCORD.userMentionsBot(channel, ann, "how is the reactor?");

        DiscordMessage reply = DISCORD.awaitSent(channel, message -> message.content().contains("3 GJ/s."), WAIT);
        assertThat(reply.content()).contains("**stable**");
        assertThat(reply.replyTo()).isEqualTo(mention.path("id").asLong());
        assertThat(DISCORD.sentMessages(channel)).hasSize(1);
        assertThat(reply.edits()).isNotEmpty();
        assertThat(DISCORD.typing(channel)).isNotEmpty();
        assertThat(DISCORD.reactions(channel, mention.path("id").asLong())).contains("👀");
        String prompt = MODEL.requests().getLast().json().path("messages").toString();
        // the nickname and the account's unique username: a nickname alone proves nothing
        assertThat(prompt).contains("(@ann)] how is the reactor?").doesNotContain("<@");
        JsonNode request = DISCORD.requests(MESSAGES).getLast().json();
        assertNoMentionsAllowed(request);
        assertThat(request.path("allowed_mentions").path("replied_user").asBoolean(true)).isFalse();
    }

    @Test
    void aReplyThatSaysEveryoneOrAMentionPingsNobody() throws Exception {
        long channel = channel();
        DiscordUser ben = newPerson("Ben");
        MODEL.enqueue(AnthropicReply.text("Hey @everyone and <@" + OWNER.id() + ">, look."));

        DISCORD.userMentionsBot(channel, ben, "call everyone");

        DiscordMessage reply = DISCORD.awaitSent(channel, message -> message.content().contains("look."), WAIT);
        assertThat(reply.content()).doesNotContain("<@" + OWNER.id() + ">");
        for (var request : DISCORD.requests(MESSAGES)) {
            assertNoMentionsAllowed(request.json());
        }
        for (var request : DISCORD.requests("PATCH /channels/{channel_id}/messages/{message_id}")) {
            assertNoMentionsAllowed(request.json());
        }
    }

    @Test
    void theGatewayDroppedMidReplyIsResumedAndTheMessageSentMeanwhileIsAnswered() throws Exception {
        DiscordUser cal = newPerson("Cal");
        long dm = DISCORD.dmChannel(cal);
        MODEL.enqueue(AnthropicReply.paced(AnthropicReply.text("one two three four five six seven eight nine ten"),
                Duration.ofMillis(150)), AnthropicReply.text("Answer to the second."));
        DISCORD.userSends(dm, cal, "count to ten");
        DISCORD.awaitSent(dm, message -> message.content().contains("one"), WAIT);

        DISCORD.disconnectGateway(4000);
        DISCORD.userSends(dm, cal, "and the second question?");

        DISCORD.awaitSent(dm, message -> message.content().contains("ten"), WAIT);
        DISCORD.awaitSent(dm, message -> message.content().contains("Answer to the second."), WAIT);
        assertThat(DISCORD.gatewayPayloads(RESUME)).isNotEmpty();
        assertThat(DISCORD.sentMessages(dm)).extracting(DiscordMessage::content)
                .containsExactly("one two three four five six seven eight nine ten", "Answer to the second.");
        String prompt = MODEL.requests().getLast().json().path("messages").toString();
        assertThat(prompt).contains("and the second question?");
    }

    @Test
    void slashCommandsAreRegisteredWithTheirOptionsAndAnsweredInPlace() throws Exception {
        long channel = channel();
        DiscordUser dee = newPerson("Dee");
        Awaited.registered();
        List<String> names = DISCORD.registeredCommands().get("global").valueStream()
                .map(command -> command.path("name").asString()).toList();
        assertThat(names).contains("ask", "help", "new", "status").doesNotContain("pairing", "config");
        JsonNode create = DISCORD.registeredCommands().get("global").valueStream()
                .filter(command -> command.path("name").asString().equals("new")).findFirst().orElseThrow();
        assertThat(create.path("options").get(0).path("name").asString()).isEqualTo("title");
        assertThat(create.path("options").get(0).path("required").asBoolean()).isFalse();
        int before = MODEL.requests().size();

        JsonNode interaction = DISCORD.userRunsSlashCommand(channel, dee, "help", Map.of());

        assertThat(DISCORD.awaitInteractionAnswer(interaction.path("id").asLong(), WAIT).type()).isEqualTo(5);
        DiscordMessage answer = DISCORD.awaitSent(channel, message -> visible(message).contains("/new"), WAIT);
        assertThat(DISCORD.sentMessages(channel)).containsExactly(answer);
        // StarkBot's own answer, set apart from the model's words
        assertThat(answer.content()).isEmpty();
        assertThat(answer.embeds()).hasSize(1);
        assertThat(MODEL.requests()).hasSize(before);
    }

    @Test
    void askTalksToTheModelAndTheAnswerStreamsIntoThePlaceholder() throws Exception {
        long channel = channel();
        DiscordUser eve = newPerson("Eve");
        Awaited.registered();
        MODEL.enqueue(AnthropicReply.paced(AnthropicReply.text("Jarvis says the suit is ready for flight."),
                Duration.ofMillis(100)));

        JsonNode interaction = DISCORD.userRunsSlashCommand(channel, eve, "ask", Map.of("question", "status?"));

        DiscordMessage answer = DISCORD.awaitSent(channel, message -> message.content().contains("flight."), WAIT);
        assertThat(DISCORD.sentMessages(channel)).hasSize(1);
        assertThat(answer.edits()).isNotEmpty();
        assertThat(DISCORD.awaitInteractionAnswer(interaction.path("id").asLong(), WAIT).type()).isEqualTo(5);
        assertThat(DISCORD.requests("POST /channels/{channel_id}/messages/{message_id}/reactions/{emoji_name}/@me"))
                .noneMatch(request -> request.path().contains(interaction.path("id").asString()));
        assertThat(MODEL.requests().getLast().json().path("messages").toString()).contains("status?");
    }

    @Test
    void aButtonPressIsAcknowledgedAtOnceAndRunsItsCommand() throws Exception {
        DiscordUser fay = newPerson("Fay");
        long dm = DISCORD.dmChannel(fay);
        DISCORD.userSends(dm, fay, "/status");
        DISCORD.awaitSent(dm, message -> !visible(message).isBlank(), WAIT);
        String sent = discord().send(new OutgoingMessage(Long.toString(fay.id()), null, "Start afresh?", null,
                List.of(new Button("New conversation", "/new")), List.of()));
        assertThat(DISCORD.sentMessages(dm).getLast().components().toString()).contains("/new", "New conversation");

        JsonNode press = DISCORD.userPressesButton(dm, fay, Long.parseLong(sent), "/new");

        assertThat(DISCORD.awaitInteractionAnswer(press.path("id").asLong(), WAIT).type()).isEqualTo(6);
        DISCORD.awaitSent(dm, message -> visible(message).toLowerCase(java.util.Locale.ROOT)
                .contains("new conversation") && !message.content().startsWith("Start afresh"), WAIT);
    }

    @Test
    void identifiesWithTheIntentsItNeedsAndNotThePrivilegedMessageContent() {
        int intents = DISCORD.gatewayPayloads(IDENTIFY).getFirst().path("d").path("intents").asInt();
        // GUILDS, GUILD_MESSAGES, DIRECT_MESSAGES; MESSAGE_CONTENT only when every message in a server is wanted
        assertThat(intents).isEqualTo(1 | 1 << 9 | 1 << 12);
    }

    @Test
    void filesThatComeWithAMessageAreDownloadedAndTheModelIsToldOfThem() throws Exception {
        DiscordUser gil = newPerson("Gil");
        long dm = DISCORD.dmChannel(gil);
        MODEL.enqueue(AnthropicReply.text("Got your notes."));

        DISCORD.userSendsFile(dm, gil, "keep these", "notes.txt", "text/plain", "remember the milk".getBytes());

        DISCORD.awaitSent(dm, message -> message.content().contains("Got your notes."), WAIT);
        String prompt = MODEL.requests().getLast().json().path("messages").toString();
        assertThat(prompt).contains("keep these", "sent a document: notes.txt", "saved as files/discord/");
        Path saved = Files.walk(starkbot.dataDir().resolve("files/discord")).filter(path -> path.toString()
                .endsWith("notes.txt")).findFirst().orElseThrow();
        assertThat(Files.readString(saved)).isEqualTo("remember the milk");
    }

    @Test
    void filesGoOutAsAttachmentsOfOneMessage() throws Exception {
        DiscordUser hal = newPerson("Hal");
        long dm = DISCORD.dmChannel(hal);
        Path folder = Files.createDirectories(starkbot.dataDir().resolve("files/out"));
        Files.writeString(folder.resolve("report.txt"), "all good");

        discord().send(new OutgoingMessage(Long.toString(hal.id()), null, "Here you are", null, List.of(),
                List.of(new Attachment(Attachment.Kind.DOCUMENT, "report.txt", "text/plain", 8,
                        "files/out/report.txt"))));

        DiscordMessage sent = DISCORD.sentMessages(dm).getLast();
        assertThat(sent.content()).isEqualTo("Here you are");
        assertThat(sent.files()).singleElement().satisfies(file -> {
            assertThat(file.filename()).isEqualTo("report.txt");
            assertThat(new String(file.bytes())).isEqualTo("all good");
        });
    }

    @Test
    void aPersonWhoCannotBeWrittenToIsGivenUpAtOnceWithoutRetrying() throws Exception {
        DiscordUser ida = newPerson("Ida");
        long dm = DISCORD.dmChannel(ida);
        DISCORD.failNext(MESSAGES, DiscordFault.apiError(403, 50007, "Cannot send messages to this user"));
        DeliveryException refused = org.junit.jupiter.api.Assertions.assertThrows(DeliveryException.class,
                () -> discord().send(OutgoingMessage.text(Long.toString(ida.id()), null, "hello?")));

        assertThat(refused.permanent()).isTrue();
        assertThat(refused.getMessage()).contains("50007");
        assertThat(DISCORD.sentMessages(dm)).isEmpty();
    }

    @Test
    void aNewSessionAfterAnInvalidOneGoesOnAnsweringInTheSameConversation() throws Exception {
        DiscordUser jon = newPerson("Jon");
        long dm = DISCORD.dmChannel(jon);
        MODEL.enqueue(AnthropicReply.text("Before."), AnthropicReply.text("After."));
        DISCORD.userSends(dm, jon, "first");
        DISCORD.awaitSent(dm, message -> message.content().contains("Before."), WAIT);
        int identified = DISCORD.gatewayPayloads(IDENTIFY).size();

        DISCORD.invalidateSession();
        dev.starkbot.testing.Await.until("a new session", WAIT,
                () -> DISCORD.gatewayPayloads(IDENTIFY).size() > identified && DISCORD.gatewayConnected());
        awaitConnected();
        DISCORD.userSends(dm, jon, "second");

        DISCORD.awaitSent(dm, message -> message.content().contains("After."), WAIT);
        String prompt = MODEL.requests().getLast().json().path("messages").toString();
        assertThat(prompt).contains("first", "Before.", "second");
    }

    /** Discord pings as the content says when {@code allowed_mentions} is missing: it must be there, and empty. */
    private static void assertNoMentionsAllowed(JsonNode request) {
        assertThat(request.path("allowed_mentions").path("parse").isArray()).as("allowed_mentions.parse in %s",
                request).isTrue();
        assertThat(request.path("allowed_mentions").path("parse")).isEmpty();
    }

    @Test
    void aSlashCommandsPlaceholderReceivesOnlyItsOwnAnswer() throws Exception {
        long channel = channel();
        DiscordUser kit = newPerson("Kit");
        DiscordUser lee = newPerson("Lee");
        Awaited.registered();
        MODEL.enqueue(AnthropicReply.paced(AnthropicReply.text("Answer for the mention, slowly."),
                Duration.ofMillis(150)), AnthropicReply.text("Answer for the command."));

        // the command comes while the mention is still unanswered: the mention's reply must not take its placeholder
        JsonNode mentioned = DISCORD.userMentionsBot(channel, kit, "first, a mention");
        JsonNode ask = DISCORD.userRunsSlashCommand(channel, lee, "ask", Map.of("question", "and my question?"));

        DiscordMessage command = DISCORD.awaitSent(channel, message -> message.content()
                .contains("Answer for the command."), WAIT);
        DiscordMessage mention = DISCORD.awaitSent(channel, message -> message.content()
                .contains("Answer for the mention, slowly."), WAIT);
        assertThat(mention.id()).isNotEqualTo(command.id());
        // the mention's answer is a channel message quoting it; the command's replaced its placeholder
        assertThat(mention.replyTo()).isEqualTo(mentioned.path("id").asLong());
        assertThat(command.replyTo()).isNull();
        assertThat(DISCORD.requests("PATCH /webhooks/{application_id}/{interaction_token}/messages/{message_id}"))
                .anyMatch(request -> request.path().contains(ask.path("token").asString()));
    }

    @Test
    void aSlashCommandThatWillNotBeAnsweredHasItsPlaceholderRemoved() throws Exception {
        long channel = channel();
        DiscordUser max = newPerson("Max");
        Awaited.registered();

        JsonNode ask = DISCORD.userRunsSlashCommand(channel, max, "ask", Map.of("question", "   "));

        dev.starkbot.testing.Await.until("the placeholder removed", WAIT,
                () -> DISCORD.originalDeleted(ask.path("id").asLong()));
        assertThat(DISCORD.sentMessages(channel)).isEmpty();
    }

    /** Waits for what the adapter does once connected. */
    private static final class Awaited {

        static void registered() throws InterruptedException {
            dev.starkbot.testing.Await.until("slash commands registered", WAIT,
                    () -> DISCORD.registeredCommands().containsKey("global"));
        }
    }
}
