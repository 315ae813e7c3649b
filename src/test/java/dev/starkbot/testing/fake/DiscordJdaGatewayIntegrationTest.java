package dev.starkbot.testing.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.events.guild.GuildJoinEvent;
import net.dv8tion.jda.api.events.message.MessageReceivedEvent;
import net.dv8tion.jda.api.events.session.SessionResumeEvent;
import net.dv8tion.jda.api.exceptions.ErrorResponseException;
import net.dv8tion.jda.api.requests.ErrorResponse;
import org.junit.jupiter.api.Test;

/**
 * Pins how JDA keeps its Gateway session against {@link FakeDiscordServer}: resumes and replays, re-identifies,
 * outages, op 7, zombie connections and guilds joined while connected.
 *
 * <p>Facts for the adapter: JDA resumes by itself after a dropped connection, a close frame, op 7 and a missed
 * heartbeat ACK (it closes a zombie with 4900 after two unanswered heartbeats), and the events dispatched
 * meanwhile arrive as ordinary events, before {@link SessionResumeEvent}. Its first reconnect is immediate, the
 * next ones wait 2 s, 4 s, … so an outage of a second costs about two seconds. REST calls are not held back while
 * the Gateway is down: a send during an outage fails at once (see the test's name) and the adapter must retry it.
 * A guild the bot is added to arrives as {@link GuildJoinEvent}, after which its channels are in JDA's cache.
 */
class DiscordJdaGatewayIntegrationTest extends DiscordJdaTestBase {

    @Test
    void resumesAfterADroppedConnectionAndGetsTheEventItMissed() throws InterruptedException {
        discord.disconnectGateway(4000);
        discord.userSends(CHANNEL, ALICE, "while you were away");

        assertThat(next(MessageReceivedEvent.class).getMessage().getContentRaw()).isEqualTo("while you were away");
        next(SessionResumeEvent.class);
        assertThat(discord.gatewayPayloads(DiscordGateway.RESUME)).hasSize(1);
        assertThat(discord.gatewayPayloads(DiscordGateway.IDENTIFY)).hasSize(1);
        assertThat(discord.gatewayConnections().getLast()).startsWith("encoding=json");
    }


    @Test
    void resumesAfterTheTcpConnectionDiesWithoutACloseFrame() throws InterruptedException {
        discord.dropGatewayConnection();
        discord.userSends(CHANNEL, ALICE, "still there?");

        assertThat(next(MessageReceivedEvent.class).getMessage().getContentRaw()).isEqualTo("still there?");
        assertThat(discord.gatewayPayloads(DiscordGateway.RESUME)).hasSize(1);
    }


    @Test
    void identifiesAgainAfterAnInvalidSession() throws InterruptedException {
        discord.invalidateSession();

        eventually("identified twice", () -> discord.gatewayPayloads(DiscordGateway.IDENTIFY).size() == 2);
        jda.awaitStatus(JDA.Status.CONNECTED);
        discord.userSends(CHANNEL, ALICE, "new session");
        assertThat(next(MessageReceivedEvent.class).getMessage().getContentRaw()).isEqualTo("new session");
    }


    @Test
    void resumesAfterAnOutageWithTheMessageSentDuringItWhileASendDuringItFailsAtOnceWithAnIoError()
            throws InterruptedException {
        discord.outage(Duration.ofSeconds(1));
        discord.userSends(CHANNEL, ALICE, "are you down?");

        assertThatThrownBy(() -> general().sendMessage("into the void").complete())
                .isInstanceOfSatisfying(ErrorResponseException.class, e -> {
                    assertThat(e.getErrorResponse()).isEqualTo(ErrorResponse.SERVER_ERROR);
                    assertThat(e.getErrorCode()).isEqualTo(-1);
                    assertThat(e.getCause()).isInstanceOf(IOException.class);
                });
        assertThat(next(MessageReceivedEvent.class).getMessage().getContentRaw()).isEqualTo("are you down?");
        next(SessionResumeEvent.class);
        general().sendMessage("back").complete();

        assertThat(discord.sentMessages(CHANNEL)).extracting(DiscordMessage::content).containsExactly("back");
        assertThat(discord.gatewayPayloads(DiscordGateway.RESUME)).hasSize(1);
        assertThat(discord.gatewayPayloads(DiscordGateway.IDENTIFY)).hasSize(1);
        // the first, the one refused during the outage, the resumed one
        assertThat(discord.gatewayConnections()).hasSizeGreaterThanOrEqualTo(3);
    }

    @Test
    void reconnectsAndResumesWhenAskedWithOp7() throws InterruptedException {
        discord.requestReconnect();
        discord.userSends(CHANNEL, ALICE, "after op 7");

        assertThat(next(MessageReceivedEvent.class).getMessage().getContentRaw()).isEqualTo("after op 7");
        eventually("resumed", () -> discord.gatewayPayloads(DiscordGateway.RESUME).size() == 1);
        assertThat(discord.gatewayPayloads(DiscordGateway.IDENTIFY)).hasSize(1);
    }

    @Test
    void closesAZombieConnectionAfterTwoUnansweredHeartbeatsAndResumes() throws InterruptedException {
        discord.heartbeatInterval(Duration.ofMillis(300));
        discord.requestReconnect(); // the next Hello announces the short interval
        next(SessionResumeEvent.class);

        discord.stopAcknowledgingHeartbeats();
        discord.userSends(CHANNEL, ALICE, "are you alive?");

        assertThat(next(MessageReceivedEvent.class).getMessage().getContentRaw()).isEqualTo("are you alive?");
        next(SessionResumeEvent.class);
        assertThat(discord.gatewayPayloads(DiscordGateway.RESUME)).hasSize(2);
        assertThat(discord.gatewayPayloads(DiscordGateway.IDENTIFY)).hasSize(1);
        jda.awaitStatus(JDA.Status.CONNECTED);
    }

    @Test
    void aGuildAddedWhileConnectedIsAGuildJoinEvent() throws InterruptedException {
        long guild = 900_000_000_000_000_101L;
        long channel = 900_000_000_000_000_102L;

        discord.botAddedToGuild(guild, "Avengers", ALICE, channel, "tower");

        GuildJoinEvent event = next(GuildJoinEvent.class);
        assertThat(event.getGuild().getIdLong()).isEqualTo(guild);
        assertThat(event.getGuild().getName()).isEqualTo("Avengers");
        assertThat(jda.getTextChannelById(channel).getName()).isEqualTo("tower");
        jda.getTextChannelById(channel).sendMessage("Hello, Avengers.").complete();
        assertThat(discord.sentMessages(channel)).hasSize(1);
    }
}
