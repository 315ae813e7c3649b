package dev.starkbot.testing.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import net.dv8tion.jda.api.components.actionrow.ActionRow;
import net.dv8tion.jda.api.components.buttons.Button;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.emoji.Emoji;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.events.interaction.component.ButtonInteractionEvent;
import net.dv8tion.jda.api.events.message.MessageReceivedEvent;
import org.junit.jupiter.api.Test;

/**
 * Pins how JDA itself behaves against {@link FakeDiscordServer}, so that the Discord adapter's tests can rely on
 * it: connecting, receiving, sending and editing, reactions, typing, slash commands, buttons and catching up on
 * history. Sibling classes pin the Gateway's reconnects ({@link DiscordJdaGatewayIntegrationTest}), REST failures
 * ({@link DiscordJdaRestFaultsIntegrationTest}) and files ({@link DiscordJdaFilesIntegrationTest}).
 *
 * <p>Facts for the adapter: a button press is a {@link ButtonInteractionEvent} whose {@code deferEdit()} answers
 * callback type 6 and whose hook's {@code sendMessage(..).setEphemeral(true)} is a follow-up with flag 64 that
 * {@code GET /messages} never lists; {@code getHistoryAfter(id, n)} asks {@code ?after=id&limit=n} and returns the
 * {@code n} oldest messages after {@code id}, users' and the bot's, newest first.
 */
class DiscordJdaIntegrationTest extends DiscordJdaTestBase {

    @Test
    void identifiesWithTheBotTokenAndSeesTheGuildsOfReady() {
        JsonAssert identify = new JsonAssert(discord.gatewayPayloads(DiscordGateway.IDENTIFY).getFirst());
        assertThat(identify.text("d", "token")).isEqualTo(discord.token());
        assertThat(discord.gatewayConnections().getFirst()).contains("encoding=json").contains("v=10")
                .doesNotContain("compress");
        assertThat(jda.getSelfUser().getIdLong()).isEqualTo(FakeDiscordServer.BOT_ID);
        assertThat(jda.getGuildById(GUILD).getTextChannelById(CHANNEL).getName()).isEqualTo("general");
        assertThat(discord.requests("GET /users/@me")).hasSize(1);
    }

    @Test
    void receivesAGuildMessageWithItsMentions() throws InterruptedException {
        discord.userMentionsBot(CHANNEL, ALICE, "hello");

        MessageReceivedEvent event = next(MessageReceivedEvent.class);
        assertThat(event.isFromGuild()).isTrue();
        assertThat(event.getAuthor().getIdLong()).isEqualTo(ALICE.id());
        assertThat(event.getMessage().getContentRaw()).isEqualTo("<@" + FakeDiscordServer.BOT_ID + "> hello");
        assertThat(event.getMessage().getMentions().isMentioned(jda.getSelfUser())).isTrue();
    }

    @Test
    void receivesADirectMessageFromAChannelItHasNeverSeen() throws InterruptedException {
        long dm = discord.dmChannel(ALICE);
        discord.userSends(dm, ALICE, "psst");

        MessageReceivedEvent event = next(MessageReceivedEvent.class);
        assertThat(event.isFromGuild()).isFalse();
        assertThat(event.getChannel().getIdLong()).isEqualTo(dm);
        assertThat(event.getMessage().getContentRaw()).isEqualTo("psst");
    }

    @Test
    void sendsAndEditsAMessageKeepingTheHistory() throws InterruptedException {
        Message sent = general().sendMessage("Thinking…").complete();
        sent.editMessage("Done.").complete();

        DiscordMessage message = discord.awaitSent(CHANNEL, m -> m.content().equals("Done."), WAIT);
        assertThat(message.id()).isEqualTo(sent.getIdLong());
        assertThat(message.history()).extracting(DiscordMessage.Version::content).containsExactly("Thinking…", "Done.");
        assertThat(discord.requests("POST /channels/{channel_id}/messages").getFirst().header("authorization"))
                .contains("Bot " + discord.token());
    }

    @Test
    void checksTheTwoThousandCharacterLimitItselfBeforeSending() {
        assertThatThrownBy(() -> general().sendMessage("x".repeat(2001)).complete())
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(discord.requests("POST /channels/{channel_id}/messages")).isEmpty();
    }

    @Test
    void answersASlashCommandAndRegistersCommands() throws InterruptedException {
        jda.updateCommands().addCommands(net.dv8tion.jda.api.interactions.commands.build.Commands
                .slash("ask", "Ask StarkBot").addOption(
                        net.dv8tion.jda.api.interactions.commands.OptionType.STRING, "question", "What to ask", true))
                .complete();
        assertThat(discord.registeredCommands().get("global").get(0).path("name").asString()).isEqualTo("ask");

        var interaction = discord.userRunsSlashCommand(CHANNEL, ALICE, "ask", Map.of("question", "why?"));
        SlashCommandInteractionEvent event = next(SlashCommandInteractionEvent.class);
        assertThat(event.getOption("question").getAsString()).isEqualTo("why?");
        event.reply("Because.").complete();

        var answer = discord.awaitInteractionAnswer(interaction.path("id").asLong(), WAIT);
        assertThat(answer.type()).isEqualTo(4);
        assertThat(discord.sentMessages(CHANNEL)).extracting(DiscordMessage::content).containsExactly("Because.");
    }

    @Test
    void reactsToAMessageAndShowsTyping() {
        long message = discord.userSends(CHANNEL, ALICE, "look at this").path("id").asLong();

        general().addReactionById(message, Emoji.fromUnicode("👀")).complete();
        general().sendTyping().complete();

        assertThat(discord.reactions(CHANNEL, message)).containsExactly("👀");
        assertThat(discord.typing(CHANNEL)).hasSize(1);
    }

    @Test
    void aButtonPressIsDeferredWithType6AndAnsweredByAnEphemeralFollowUpThatHistoryLeavesOut()
            throws InterruptedException {
        Message prompt = general().sendMessage("Run the tool?")
                .addComponents(ActionRow.of(Button.primary("approve", "Yes"), Button.danger("deny", "No"))).complete();

        var press = discord.userPressesButton(CHANNEL, ALICE, prompt.getIdLong(), "approve");
        ButtonInteractionEvent event = next(ButtonInteractionEvent.class);
        assertThat(event.getComponentId()).isEqualTo("approve");
        assertThat(event.getUser().getIdLong()).isEqualTo(ALICE.id());
        assertThat(event.getMessageIdLong()).isEqualTo(prompt.getIdLong());
        event.deferEdit().complete();
        event.getHook().sendMessage("Approved.").setEphemeral(true).complete();

        assertThat(discord.awaitInteractionAnswer(press.path("id").asLong(), WAIT).type()).isEqualTo(6);
        DiscordMessage followUp = discord.awaitSent(CHANNEL, m -> m.content().equals("Approved."), WAIT);
        assertThat(followUp.current().json().path("flags").asInt() & DiscordWorld.EPHEMERAL).isNotZero();
        assertThat(general().getHistoryAfter(0, 10).complete().getRetrievedHistory())
                .extracting(Message::getContentRaw).containsExactly("Run the tool?");
    }

    @Test
    void catchesUpWithHistoryAfterAMessageNewestFirstUsersAndBotAlike() {
        long seen = discord.userSends(CHANNEL, ALICE, "seen").path("id").asLong();
        discord.userSends(CHANNEL, ALICE, "one");
        general().sendMessage("two").complete();
        discord.userSends(CHANNEL, ALICE, "three");
        discord.userSends(CHANNEL, ALICE, "four");

        List<Message> page = general().getHistoryAfter(seen, 3).complete().getRetrievedHistory();

        assertThat(page).extracting(Message::getContentRaw).containsExactly("three", "two", "one");
        assertThat(page.get(1).getAuthor().getIdLong()).isEqualTo(FakeDiscordServer.BOT_ID);
        assertThat(discord.requests("GET /channels/{channel_id}/messages").getFirst().query())
                .contains("after=" + seen).contains("limit=3");
        assertThat(general().getHistoryBefore(page.getFirst().getIdLong(), 100).complete().getRetrievedHistory())
                .extracting(Message::getContentRaw).containsExactly("two", "one", "seen");
    }

    private record JsonAssert(tools.jackson.databind.JsonNode node) {
        String text(String... path) {
            tools.jackson.databind.JsonNode at = node;
            for (String field : path) {
                at = at.path(field);
            }
            return at.asString();
        }
    }
}
