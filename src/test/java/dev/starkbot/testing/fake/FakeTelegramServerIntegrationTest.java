package dev.starkbot.testing.fake;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.pengrad.telegrambot.TelegramBot;
import com.pengrad.telegrambot.model.MessageEntity;
import com.pengrad.telegrambot.model.PhotoSize;
import com.pengrad.telegrambot.model.Update;
import com.pengrad.telegrambot.request.DeleteWebhook;
import com.pengrad.telegrambot.request.GetFile;
import com.pengrad.telegrambot.request.GetMe;
import com.pengrad.telegrambot.request.GetUpdates;
import com.pengrad.telegrambot.request.SetWebhook;
import com.pengrad.telegrambot.response.GetUpdatesResponse;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The fake driven by the real java-telegram-bot-api client: getUpdates with offset, limit, timeout and
 * allowed_updates, the 409s, webhooks, files and groups. Sending, editing and callbacks are in
 * {@link TelegramMessagingIntegrationTest}; how the client surfaces faults is in
 * {@link TelegramClientFaultsIntegrationTest}.
 */
class FakeTelegramServerIntegrationTest {

    static final TelegramUser ANN = TelegramUser.of(4242, "Ann", "ann_w");
    static final TelegramUser BOB = TelegramUser.of(5151, "Bob", "bob_k");

    private final FakeTelegramServer fake = FakeTelegramServer.start();
    private final List<TelegramBot> bots = new ArrayList<>();

    @AfterEach
    void close() {
        bots.forEach(TelegramBot::shutdown);
        fake.close();
    }

    /** A client as the adapter will build one: both URLs pointed at the fake, a 5-second read timeout. */
    static TelegramBot bot(FakeTelegramServer fake, List<TelegramBot> tracked) {
        return bot(fake, tracked, Duration.ofSeconds(5));
    }

    static TelegramBot bot(FakeTelegramServer fake, List<TelegramBot> tracked, Duration readTimeout) {
        var client = new OkHttpClient.Builder().readTimeout(readTimeout).build();
        var bot = new TelegramBot.Builder(fake.token()).apiUrl(fake.apiUrl()).fileApiUrl(fake.fileApiUrl())
                .okHttpClient(client).build();
        tracked.add(bot);
        return bot;
    }

    private TelegramBot bot() {
        return bot(fake, bots);
    }

    /** Starts a long poll on another thread and returns once the fake holds it. */
    static CompletableFuture<GetUpdatesResponse> longPoll(FakeTelegramServer fake, TelegramBot bot, int seconds)
            throws InterruptedException {
        var poll = CompletableFuture.supplyAsync(() -> bot.execute(new GetUpdates().timeout(seconds)));
        fake.awaitPoll(Duration.ofSeconds(5));
        return poll;
    }

    @Test
    void apiUrlIsCombinedWithTheTokenAndTheMethodName() {
        var me = bot().execute(new GetMe());

        assertThat(me.isOk()).isTrue();
        assertThat(me.user().username()).isEqualTo(FakeTelegramServer.BOT_USERNAME);
        assertThat(me.user().canReadAllGroupMessages()).isFalse();
        assertThat(fake.requests().getFirst().request().path()).isEqualTo("/bot" + fake.token() + "/getMe");
    }

    @Test
    void aWrongTokenIsUnauthorized() {
        var stranger = new TelegramBot.Builder("1234:AAHsomeoneElsesTokenThatIsNotThis-00").apiUrl(fake.apiUrl())
                .build();
        bots.add(stranger);

        var me = stranger.execute(new GetMe());

        assertThat(me.isOk()).isFalse();
        assertThat(me.errorCode()).isEqualTo(401);
        assertThat(me.description()).isEqualTo("Unauthorized");
    }

    @Test
    void aLongPollReturnsAsSoonAsAMessageArrives() throws Exception {
        TelegramBot bot = bot();
        CompletableFuture<GetUpdatesResponse> poll = longPoll(fake, bot, 30);
        long start = System.nanoTime();

        var posted = fake.userSends(ANN.id(), ANN, "/start hello");
        List<Update> updates = poll.get(5, TimeUnit.SECONDS).updates();

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        assertThat(updates).hasSize(1);
        Update update = updates.getFirst();
        assertThat(update.updateId()).isEqualTo(posted.updateId());
        assertThat(update.message().messageId()).isEqualTo(posted.messageId());
        assertThat(update.message().text()).isEqualTo("/start hello");
        assertThat(update.message().chat().id()).isEqualTo(ANN.id());
        assertThat(update.message().from().username()).isEqualTo("ann_w");
        assertThat(update.message().entities()).singleElement().satisfies(entity -> {
            assertThat(entity.type()).isEqualTo(MessageEntity.Type.bot_command);
            assertThat(entity.length()).isEqualTo("/start".length());
        });
    }

    @Test
    void aLongPollWithNothingToDeliverReturnsEmptyAfterItsTimeout() {
        long start = System.nanoTime();

        var response = bot().execute(new GetUpdates().timeout(1));

        assertThat(response.updates()).isEmpty();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(900),
                Duration.ofSeconds(3));
    }

    @Test
    void anUpdateNotConfirmedBeforeACrashIsDeliveredAgain() {
        var first = fake.userSends(ANN.id(), ANN, "one");
        var second = fake.userSends(ANN.id(), ANN, "two");
        assertThat(bot().execute(new GetUpdates()).updates()).hasSize(2);

        // A new instance after a crash knows no offset: everything unconfirmed comes again.
        TelegramBot restarted = bot();
        assertThat(restarted.execute(new GetUpdates()).updates()).extracting(Update::updateId)
                .containsExactly(first.updateId(), second.updateId());

        // An offset confirms every update below it, for good.
        assertThat(restarted.execute(new GetUpdates().offset(second.updateId())).updates())
                .extracting(Update::updateId).containsExactly(second.updateId());
        assertThat(restarted.execute(new GetUpdates().offset(second.updateId() + 1)).updates()).isEmpty();
        assertThat(bot().execute(new GetUpdates()).updates()).isEmpty();
        assertThat(fake.pendingUpdates()).isEmpty();
    }

    @Test
    void limitAndNegativeOffsetBehaveAsDocumented() {
        for (int i = 0; i < 5; i++) {
            fake.userSends(ANN.id(), ANN, "message " + i);
        }

        assertThat(bot().execute(new GetUpdates().limit(2)).updates()).extracting(u -> u.message().text())
                .containsExactly("message 0", "message 1");
        // A negative offset keeps only the last -offset updates and forgets the others.
        assertThat(bot().execute(new GetUpdates().offset(-1)).updates()).extracting(u -> u.message().text())
                .containsExactly("message 4");
        assertThat(fake.pendingUpdates()).hasSize(1);
    }

    @Test
    void allowedUpdatesIsRememberedAndFiltersUpdatesCreatedLater() {
        TelegramBot bot = bot();
        var prompt = fake.userSends(ANN.id(), ANN, "hi");
        bot.execute(new GetUpdates().offset(prompt.updateId() + 1).allowedUpdates("message"));

        fake.userSends(ANN.id(), ANN, "a message");
        fake.userEdits(ANN.id(), ANN, prompt.messageId(), "hi, edited");

        assertThat(bot.execute(new GetUpdates()).updates()).extracting(u -> u.message().text())
                .containsExactly("a message");
        assertThat(fake.requests("getUpdates").getFirst().json("allowed_updates").toString())
                .isEqualTo("[\"message\"]");
    }

    @Test
    void aSecondPollerEndsTheFirstWithAConflict() throws Exception {
        TelegramBot first = bot();
        CompletableFuture<GetUpdatesResponse> waiting = longPoll(fake, first, 30);

        var second = bot().execute(new GetUpdates());

        assertThat(second.isOk()).isTrue();
        GetUpdatesResponse terminated = waiting.get(5, TimeUnit.SECONDS);
        assertThat(terminated.isOk()).isFalse();
        assertThat(terminated.errorCode()).isEqualTo(409);
        assertThat(terminated.description()).startsWith("Conflict: terminated by other getUpdates request");
    }

    @Test
    void pollingIsRefusedWhileAWebhookIsSet() {
        TelegramBot bot = bot();
        assertThat(bot.execute(new SetWebhook().url("https://example.org/hook").secretToken("s3cr3t_token"))
                .isOk()).isTrue();

        var refused = bot.execute(new GetUpdates());

        assertThat(refused.errorCode()).isEqualTo(409);
        assertThat(refused.description()).contains("can't use getUpdates method while webhook is active");
        assertThat(bot.execute(new DeleteWebhook()).isOk()).isTrue();
        assertThat(bot.execute(new GetUpdates()).isOk()).isTrue();
    }

    @Test
    void closingTheFakeEndsALongPollAtOnce() throws Exception {
        TelegramBot bot = bot();
        CompletableFuture<GetUpdatesResponse> poll = longPoll(fake, bot, 50);
        long start = System.nanoTime();

        fake.close();

        assertThat(poll).failsWithin(Duration.ofSeconds(3));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void aUsersPhotoIsDownloadedThroughGetFileAndTheLibrarysPathHelpers() throws IOException {
        byte[] image = png(640, 480);
        fake.userSendsPhoto(ANN.id(), ANN, image, "look @" + FakeTelegramServer.BOT_USERNAME);
        TelegramBot bot = bot();
        var message = bot.execute(new GetUpdates()).updates().getFirst().message();
        PhotoSize[] sizes = message.photo();
        assertThat(sizes).hasSize(2);
        assertThat(sizes[0].width()).isEqualTo(90);
        assertThat(message.captionEntities()).extracting(MessageEntity::type)
                .containsExactly(MessageEntity.Type.mention);

        var file = bot.execute(new GetFile(sizes[1].fileId())).file();

        assertThat(file.filePath()).matches("photos/file_\\d+\\.jpg");
        assertThat(bot.getFullFilePath(file)).isEqualTo(fake.fileApiUrl() + fake.token() + "/" + file.filePath());
        assertThat(bot.getFileContent(file)).isEqualTo(image);
        assertThat(fake.requests(FakeTelegramServer.FILE_DOWNLOAD)).hasSize(1);
    }

    @Test
    void aUsersDocumentAndVoiceNoteCarryTheirNamesAndTypes() throws IOException {
        fake.userSendsDocument(ANN.id(), ANN, "notes 2026.pdf", "application/pdf", "%PDF-1.7".getBytes(), null);
        fake.userSendsVoice(ANN.id(), ANN, "OggS-voice".getBytes(), 3);
        TelegramBot bot = bot();

        List<Update> updates = bot.execute(new GetUpdates()).updates();

        var document = updates.get(0).message().document();
        assertThat(document.fileName()).isEqualTo("notes 2026.pdf");
        assertThat(document.mimeType()).isEqualTo("application/pdf");
        var documentFile = bot.execute(new GetFile(document.fileId())).file();
        assertThat(bot.getFileContent(documentFile)).isEqualTo("%PDF-1.7".getBytes());
        var voice = updates.get(1).message().voice();
        assertThat(voice.duration()).isEqualTo(3);
        assertThat(voice.mimeType()).isEqualTo("audio/ogg");
        assertThat(bot.execute(new GetFile(voice.fileId())).file().filePath()).endsWith(".oga");
    }

    @Test
    void inAGroupPrivacyModeLetsThroughOnlyCommandsMentionsAndReplies() {
        long group = -1001234567890L;
        fake.group(group, "Team");

        assertThat(fake.userSends(group, ANN, "just chatting").delivered()).isFalse();
        assertThat(fake.userSends(group, ANN, "/help@" + FakeTelegramServer.BOT_USERNAME).delivered()).isTrue();
        assertThat(fake.userSends(group, ANN, "/help@some_other_bot").delivered()).isFalse();
        assertThat(fake.userSends(group, BOB, "hey @" + FakeTelegramServer.BOT_USERNAME + " what's up")
                .delivered()).isTrue();

        var chat = bot().execute(new GetUpdates()).updates().getFirst().message().chat();
        assertThat(chat.type()).isEqualTo(com.pengrad.telegrambot.model.Chat.Type.supergroup);
        assertThat(chat.title()).isEqualTo("Team");

        fake.privacyMode(false);
        assertThat(fake.userSends(group, ANN, "just chatting").delivered()).isTrue();
    }

    static byte[] png(int width, int height) {
        var image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < width; x++) {
            image.setRGB(x, x % height, 0xFF8800);
        }
        return TelegramMedia.encode(image, "png");
    }
}
