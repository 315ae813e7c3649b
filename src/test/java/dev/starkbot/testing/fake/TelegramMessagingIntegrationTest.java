package dev.starkbot.testing.fake;

import static dev.starkbot.testing.fake.FakeTelegramServerIntegrationTest.ANN;
import static dev.starkbot.testing.fake.FakeTelegramServerIntegrationTest.png;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.pengrad.telegrambot.TelegramBot;
import com.pengrad.telegrambot.model.BotCommand;
import com.pengrad.telegrambot.model.MessageEntity;
import com.pengrad.telegrambot.model.request.ChatAction;
import com.pengrad.telegrambot.model.request.InlineKeyboardButton;
import com.pengrad.telegrambot.model.request.InlineKeyboardMarkup;
import com.pengrad.telegrambot.model.request.ParseMode;
import com.pengrad.telegrambot.model.request.ReplyParameters;
import com.pengrad.telegrambot.request.AnswerCallbackQuery;
import com.pengrad.telegrambot.request.EditMessageText;
import com.pengrad.telegrambot.request.GetMyCommands;
import com.pengrad.telegrambot.request.GetUpdates;
import com.pengrad.telegrambot.request.SendChatAction;
import com.pengrad.telegrambot.request.SendDocument;
import com.pengrad.telegrambot.request.SendMessage;
import com.pengrad.telegrambot.request.SendPhoto;
import com.pengrad.telegrambot.request.SendVoice;
import com.pengrad.telegrambot.request.SetMyCommands;
import com.pengrad.telegrambot.response.BaseResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The bot's side through the real client: sending, editing, chat actions, buttons, commands, uploads. */
class TelegramMessagingIntegrationTest {

    private final FakeTelegramServer fake = FakeTelegramServer.start();
    private final List<TelegramBot> bots = new ArrayList<>();
    private TelegramBot bot;
    private int hello;

    @BeforeEach
    void userOpensTheChat() {
        bot = FakeTelegramServerIntegrationTest.bot(fake, bots);
        hello = fake.userSends(ANN.id(), ANN, "hello").messageId();
    }

    @AfterEach
    void close() {
        bots.forEach(TelegramBot::shutdown);
        fake.close();
    }

    @Test
    void sendsARepliedMarkdownMessageAndEditsIt() throws InterruptedException {
        var sent = bot.execute(new SendMessage(ANN.id(), "*Hi* Ann\\!").parseMode(ParseMode.MarkdownV2)
                .replyParameters(new ReplyParameters(hello)));

        assertThat(sent.isOk()).isTrue();
        assertThat(sent.message().messageId()).isEqualTo(hello + 1);
        assertThat(sent.message().text()).isEqualTo("Hi Ann!");
        assertThat(sent.message().entities()).singleElement().extracting(MessageEntity::type)
                .isEqualTo(MessageEntity.Type.bold);
        assertThat(sent.message().replyToMessage().text()).isEqualTo("hello");

        var edited = bot.execute(new EditMessageText(ANN.id(), hello + 1, "<i>Hi</i> again").parseMode(
                ParseMode.HTML));

        assertThat(edited.isOk()).isTrue();
        SentMessage message = fake.awaitSent(ANN.id(), m -> m.edits().size() == 1, Duration.ofSeconds(1));
        assertThat(message.replyTo()).isEqualTo(hello);
        assertThat(message.history()).extracting(SentMessage.Version::text)
                .containsExactly("*Hi* Ann\\!", "<i>Hi</i> again");
        assertThat(message.plainText()).isEqualTo("Hi again");
        assertThat(message.parseMode()).isEqualTo("HTML");
    }

    @Test
    void refusesWhatTheRealServerRefuses() {
        bot.execute(new SendMessage(ANN.id(), "same"));

        assertRefused(bot.execute(new EditMessageText(ANN.id(), hello + 1, "same")), "Bad Request: message is not "
                + "modified: specified new message content and reply markup are exactly the same as a current "
                + "content and reply markup of the message");
        assertRefused(bot.execute(new SendMessage(ANN.id(), "x".repeat(4097))), "Bad Request: message is too long");
        assertRefused(bot.execute(new SendMessage(777L, "who?")), "Bad Request: chat not found");
        assertRefused(bot.execute(new SendMessage(ANN.id(), "1.5 is a number").parseMode(ParseMode.MarkdownV2)),
                "Bad Request: can't parse entities: Character '.' is reserved and must be escaped with the "
                        + "preceding '\\'");
        assertRefused(bot.execute(new SendMessage(ANN.id(), "<b>bold").parseMode(ParseMode.HTML)),
                "Bad Request: can't parse entities: Can't find end tag corresponding to start tag \"b\"");
        assertRefused(bot.execute(new SendMessage(ANN.id(), "   ")), "Bad Request: message text is empty");
        assertRefused(bot.execute(new EditMessageText(ANN.id(), hello, "not mine")),
                "Bad Request: message can't be edited");
        assertRefused(bot.execute(new AnswerCallbackQuery("12345")), "Bad Request: query is too old and response "
                + "timeout expired or query ID is invalid");
        assertThat(bot.execute(new SendMessage(ANN.id(), "x".repeat(4096))).isOk()).isTrue();
        assertThat(fake.sentMessages(ANN.id())).hasSize(2);
    }

    @Test
    void aButtonPressIsACallbackQueryAnsweredOnce() {
        var keyboard = new InlineKeyboardMarkup(new InlineKeyboardButton("Yes").callbackData("approve:7"),
                new InlineKeyboardButton("No").callbackData("reject:7"));
        int asked = bot.execute(new SendMessage(ANN.id(), "Run it?").replyMarkup(keyboard)).message().messageId();

        var pressed = fake.userPressesButton(ANN.id(), asked, "approve:7");

        var query = bot.execute(new GetUpdates().offset(pressed.updateId())).updates().getFirst().callbackQuery();
        assertThat(query.id()).isEqualTo(pressed.callbackQueryId());
        assertThat(query.data()).isEqualTo("approve:7");
        assertThat(query.maybeInaccessibleMessage().messageId()).isEqualTo(asked);
        assertThat(bot.execute(new AnswerCallbackQuery(query.id()).text("Running")).isOk()).isTrue();
        assertThat(fake.answeredCallbacks()).singleElement().satisfies(answer -> {
            assertThat(answer.callbackQueryId()).isEqualTo(query.id());
            assertThat(answer.text()).isEqualTo("Running");
        });
        assertThat(bot.execute(new AnswerCallbackQuery(query.id())).errorCode()).isEqualTo(400);
        assertThat(fake.sentMessages(ANN.id()).getFirst().replyMarkup().path("inline_keyboard").get(0).size())
                .isEqualTo(2);
    }

    @Test
    void recordsChatActionsAndCommands() {
        assertThat(bot.execute(new SendChatAction(ANN.id(), ChatAction.typing)).isOk()).isTrue();
        assertThat(bot.execute(new SendChatAction(ANN.id(), "dancing")).description())
                .isEqualTo("Bad Request: wrong parameter action in request");
        assertThat(bot.execute(new SetMyCommands(new BotCommand("new", "Start a new conversation"),
                new BotCommand("model", "Choose the model"))).isOk()).isTrue();

        assertThat(fake.chatActions(ANN.id())).extracting(FakeTelegramServer.ChatAction::action)
                .containsExactly("typing");
        assertThat(fake.commands().toString()).isEqualTo("[{\"command\":\"new\",\"description\":\"Start a new "
                + "conversation\"},{\"command\":\"model\",\"description\":\"Choose the model\"}]");
        assertThat(bot.execute(new GetMyCommands()).commands()).extracting(BotCommand::command)
                .containsExactly("new", "model");
        assertThat(bot.execute(new SetMyCommands(new BotCommand("Bad-Name", "x"))).description())
                .isEqualTo("Bad Request: BOT_COMMAND_INVALID");
    }

    @Test
    void uploadsArriveAsMultipartAndCanBeSentAgainByFileId() {
        byte[] image = png(300, 200);

        var photo = bot.execute(new SendPhoto(ANN.id(), image).caption("A chart"));
        var document = bot.execute(new SendDocument(ANN.id(), "a,b\n1,2\n".getBytes()).fileName("data.csv")
                .contentType("text/csv"));
        var voice = bot.execute(new SendVoice(ANN.id(), "OggS".getBytes()).duration(2));
        var again = bot.execute(new SendDocument(ANN.id(), document.message().document().fileId()));

        assertThat(photo.message().photo()).extracting(p -> p.width()).containsExactly(90, 300);
        assertThat(photo.message().caption()).isEqualTo("A chart");
        assertThat(fake.requests("sendPhoto").getFirst().request().header("content-type").orElseThrow())
                .startsWith("multipart/form-data");
        assertThat(document.message().document().fileName()).isEqualTo("data.csv");
        assertThat(voice.message().voice().duration()).isEqualTo(2);
        assertThat(again.message().document().fileName()).isEqualTo("data.csv");
        List<SentMessage> sent = fake.sentMessages(ANN.id());
        assertThat(sent).extracting(SentMessage::kind).containsExactly("photo", "document", "voice", "document");
        assertThat(sent.getFirst().file().bytes()).isEqualTo(image);
        assertThat(sent.get(1).file().mimeType()).isEqualTo("text/csv");
        assertThat(bot.execute(new SendPhoto(ANN.id(), "not an image".getBytes())).description())
                .isEqualTo("Bad Request: IMAGE_PROCESS_FAILED");
    }

    @Test
    void formParametersAreRecordedAsTheLibrarySendsThem() {
        bot.execute(new SendMessage(ANN.id(), "Hi").parseMode(ParseMode.MarkdownV2)
                .replyMarkup(new InlineKeyboardMarkup(new InlineKeyboardButton("Go").callbackData("go"))));

        BotApiCall call = fake.requests("sendMessage").getFirst();
        assertThat(call.request().header("content-type")).contains("application/x-www-form-urlencoded");
        assertThat(call.params()).containsEntry("chat_id", Long.toString(ANN.id())).containsEntry("text", "Hi")
                .containsEntry("parse_mode", "MarkdownV2");
        assertThat(call.json("reply_markup").path("inline_keyboard").get(0).get(0).path("callback_data").asString())
                .isEqualTo("go");
    }

    private static void assertRefused(BaseResponse response, String description) {
        assertThat(response.isOk()).isFalse();
        assertThat(response.errorCode()).isEqualTo(400);
        assertThat(response.description()).isEqualTo(description);
    }
}
