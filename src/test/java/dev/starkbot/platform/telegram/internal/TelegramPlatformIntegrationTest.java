package dev.starkbot.platform.telegram.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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
import dev.starkbot.platform.spi.Platform;
import dev.starkbot.shared.StarkBotProperties;
import dev.starkbot.testing.StorageTest;
import dev.starkbot.testing.fake.AnthropicReply;
import dev.starkbot.testing.fake.FakeTelegramServer;
import dev.starkbot.testing.fake.SentMessage;
import dev.starkbot.testing.fake.TelegramFault;
import dev.starkbot.testing.fake.TelegramUser;

/**
 * The Telegram adapter: the platform contract, and what only Telegram has (streamed edits, the typing action, the
 * command menu, buttons, files), through the real client library against a fake Bot API server.
 */
@StorageTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "starkbot.rate-limit.enabled=false", "starkbot.platforms.telegram.access.mode=open",
        "starkbot.platforms.telegram.poll-timeout=1s", "starkbot.platforms.typing-interval=200ms"})
class TelegramPlatformIntegrationTest extends PlatformContractTest {

    static final FakeTelegramServer TELEGRAM = FakeTelegramServer.start();

    @Autowired
    StarkBotProperties starkbot;
    Path dataDir;
    private static final AtomicLong GROUPS = new AtomicLong(-1_000_100);

    @DynamicPropertySource
    static void fakes(DynamicPropertyRegistry registry) {
        registerModel(registry);
        registry.add("starkbot.platforms.telegram.api-url", () -> TELEGRAM.apiUrl().replaceAll("/bot$", ""));
        registry.add("starkbot.platforms.telegram.bot-token", TELEGRAM::token);
    }

    @AfterAll
    static void stop() {
        TELEGRAM.close();
    }

    @BeforeEach
    void dataDir() {
        dataDir = starkbot.dataDir().toAbsolutePath().normalize();
    }

    @Override
    protected FakePlatform fake() {
        return new FakePlatform() {
            @Override
            public String name() {
                return "telegram";
            }

            @Override
            public String personWrites(long personId, String name, String text) {
                TELEGRAM.userSends(personId, TelegramUser.of(personId, name, name.toLowerCase()), text);
                return Long.toString(personId);
            }

            @Override
            public void personWritesInGroup(String groupId, long personId, String name, String text,
                                            boolean mentioningBot) {
                TELEGRAM.userSends(Long.parseLong(groupId), TelegramUser.of(personId, name, name.toLowerCase()),
                        mentioningBot ? "@" + FakeTelegramServer.BOT_USERNAME + " " + text : text);
            }

            @Override
            public String group(String title) {
                long id = GROUPS.decrementAndGet();
                TELEGRAM.group(id, title);
                return Long.toString(id);
            }

            @Override
            public List<String> botMessages(String chatId) {
                return TELEGRAM.sentMessages(Long.parseLong(chatId)).stream().map(SentMessage::plainText).toList();
            }

            @Override
            public void rateLimitNextSend(Duration retryAfter) {
                TELEGRAM.failNext("sendMessage", TelegramFault.tooManyRequests((int) retryAfter.toSeconds()));
            }

            @Override
            public void outage(Duration duration) {
                TELEGRAM.dropConnectionsFor(duration);
            }
        };
    }

    @Test
    void aReplyIsStreamedAsEditsOfOneMessageWithTypingUntilTheFirstWord() throws Exception {
        TelegramUser eve = TelegramUser.of(1005, "Eve", "eve");
        MODEL.enqueue(AnthropicReply.paced(AnthropicReply.text("One two three four five six seven eight."),
                Duration.ofMillis(150)));

        TELEGRAM.userSends(eve.id(), eve, "count");

        SentMessage reply = TELEGRAM.awaitSent(eve.id(), sent -> sent.plainText().contains("eight."), WAIT);
        assertThat(TELEGRAM.sentMessages(eve.id())).hasSize(1);
        assertThat(reply.edits()).isNotEmpty();
        assertThat(reply.history().getFirst().plainText()).isNotEqualTo(reply.plainText());
        assertThat(TELEGRAM.chatActions(eve.id())).extracting(FakeTelegramServer.ChatAction::action)
                .contains("typing");
    }

    @Test
    void aButtonPressRunsItsCommandAsThePersonAndIsAnswered() throws Exception {
        TelegramUser fred = TelegramUser.of(1006, "Fred", "fred");
        TELEGRAM.userSends(fred.id(), fred, "/status");
        TELEGRAM.awaitSent(fred.id(), sent -> !sent.plainText().isBlank(), WAIT);
        String sent = telegram().send(new OutgoingMessage(Long.toString(fred.id()), null, "Start afresh?", null,
                List.of(new Button("New conversation", "/new")), List.of()));

        TELEGRAM.userPressesButton(fred.id(), Integer.parseInt(sent), "/new");

        TELEGRAM.awaitSent(fred.id(), message -> message.plainText().toLowerCase().contains("new conversation")
                && !message.plainText().startsWith("Start afresh"), WAIT);
        assertThat(TELEGRAM.answeredCallbacks()).isNotEmpty();
    }

    @Test
    void photosDocumentsAndVoiceNotesAreDownloadedAndTheModelIsToldOfThem() throws Exception {
        TelegramUser gil = TelegramUser.of(1007, "Gil", "gil");
        MODEL.enqueue(AnthropicReply.text("Nice picture."), AnthropicReply.text("Got the file."),
                AnthropicReply.text("Heard you."));

        TELEGRAM.userSendsPhoto(gil.id(), gil, png(), "my cat");
        TELEGRAM.awaitSent(gil.id(), sent -> sent.plainText().contains("Nice picture."), WAIT);
        TELEGRAM.userSendsDocument(gil.id(), gil, "notes.txt", "text/plain", "remember the milk".getBytes(), null);
        TELEGRAM.awaitSent(gil.id(), sent -> sent.plainText().contains("Got the file."), WAIT);
        TELEGRAM.userSendsVoice(gil.id(), gil, new byte[] {'O', 'g', 'g', 'S', 0}, 3);
        TELEGRAM.awaitSent(gil.id(), sent -> sent.plainText().contains("Heard you."), WAIT);

        String prompts = MODEL.requests().getLast().json().path("messages").toString();
        assertThat(prompts).contains("my cat", "sent a photo", "sent a document: notes.txt", "sent a voice");
        Path document = Files.walk(dataDir.resolve("files/telegram")).filter(path -> path.toString()
                .endsWith("notes.txt")).findFirst().orElseThrow();
        assertThat(Files.readString(document)).isEqualTo("remember the milk");
    }

    @Test
    void filesGoOutAsPhotosAndDocuments() throws Exception {
        TelegramUser hal = TelegramUser.of(1008, "Hal", "hal");
        TELEGRAM.userSends(hal.id(), hal, "/status");
        TELEGRAM.awaitSent(hal.id(), sent -> !sent.plainText().isBlank(), WAIT);
        Path folder = Files.createDirectories(dataDir.resolve("files/out"));
        Files.write(folder.resolve("chart.png"), png());
        Files.writeString(folder.resolve("report.txt"), "all good");

        telegram().send(new OutgoingMessage(Long.toString(hal.id()), null, "Here you are", null, List.of(),
                List.of(new Attachment(Attachment.Kind.PHOTO, "chart.png", "image/png", 4, "files/out/chart.png"),
                        new Attachment(Attachment.Kind.DOCUMENT, "report.txt", "text/plain", 8,
                                "files/out/report.txt"))));

        List<SentMessage> sent = TELEGRAM.sentMessages(hal.id());
        assertThat(sent).extracting(SentMessage::kind).contains("photo", "document");
        assertThat(sent.stream().filter(message -> message.kind().equals("photo")).findFirst().orElseThrow()
                .plainText()).isEqualTo("Here you are");
    }

    @Test
    void aBadGatewayAndAHangUpOnSendAreRetriedAndTheReplyArrivesOnce() throws Exception {
        TelegramUser ida = TelegramUser.of(1009, "Ida", "ida");
        MODEL.enqueue(AnthropicReply.text("Through the storm."));
        TELEGRAM.failNext("sendMessage", TelegramFault.badGateway(), TelegramFault.hangUp());

        TELEGRAM.userSends(ida.id(), ida, "are you there?");

        TELEGRAM.awaitSent(ida.id(), sent -> sent.plainText().contains("Through the storm."), WAIT);
        Thread.sleep(300);
        assertThat(TELEGRAM.sentMessages(ida.id())).hasSize(1);
    }

    @Test
    void stopEndsAReplyWhileItStreams() throws Exception {
        TelegramUser jon = TelegramUser.of(1010, "Jon", "jon");
        MODEL.enqueue(AnthropicReply.paced(AnthropicReply.text("word ".repeat(200)), Duration.ofMillis(100)));

        TELEGRAM.userSends(jon.id(), jon, "talk for a long time");
        TELEGRAM.awaitSent(jon.id(), sent -> sent.plainText().contains("word"), WAIT);
        TELEGRAM.userSends(jon.id(), jon, "/stop");

        TELEGRAM.awaitSent(jon.id(), sent -> sent.plainText().contains("stopped"), WAIT);
        assertThat(TELEGRAM.sentMessages(jon.id()).getFirst().plainText().split("word").length).isLessThan(150);
    }

    @Test
    void pollingRidesOutABadGatewayAndADroppedConnection() throws Exception {
        TelegramUser kai = TelegramUser.of(1011, "Kai", "kai");
        MODEL.enqueue(AnthropicReply.text("Still here."));
        TELEGRAM.failNext("getUpdates", TelegramFault.badGateway(), TelegramFault.hangUp());

        TELEGRAM.userSends(kai.id(), kai, "ping");

        TELEGRAM.awaitSent(kai.id(), sent -> sent.plainText().contains("Still here."), WAIT);
        assertThat(TELEGRAM.sentMessages(kai.id())).hasSize(1);
    }

    @Test
    void inAGroupAReplyToTheBotIsAddressedToItAndTheAnswerQuotesTheMessage() throws Exception {
        long group = GROUPS.decrementAndGet();
        TELEGRAM.group(group, "Friends");
        TelegramUser lou = TelegramUser.of(1012, "Lou", "lou");
        MODEL.enqueue(AnthropicReply.text("First."), AnthropicReply.text("Second."));
        TELEGRAM.userSends(group, lou, "@" + FakeTelegramServer.BOT_USERNAME + " hello");
        SentMessage first = TELEGRAM.awaitSent(group, sent -> sent.plainText().contains("First."), WAIT);
        assertThat(first.replyTo()).isNotNull();

        TELEGRAM.userReplies(group, lou, first.messageId(), "and then?");

        TELEGRAM.awaitSent(group, sent -> sent.plainText().contains("Second."), WAIT);
        String prompt = MODEL.requests().getLast().json().path("messages").toString();
        assertThat(prompt).contains("[Lou] and then?");
    }

    private static byte[] png() throws java.io.IOException {
        var image = new java.awt.image.BufferedImage(4, 4, java.awt.image.BufferedImage.TYPE_INT_RGB);
        var bytes = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(image, "png", bytes);
        return bytes.toByteArray();
    }

    private Platform telegram() {
        return platforms.stream().filter(platform -> platform.name().equals("telegram")).findFirst().orElseThrow();
    }

    @Test
    void theCommandMenuIsSetFromTheCommandRegistry() {
        assertThat(TELEGRAM.commands().toString()).contains("\"command\":\"help\"", "\"command\":\"new\"",
                "\"command\":\"stop\"");
    }
}
