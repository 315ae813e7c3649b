package dev.starkbot.platform.discord.internal;

import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

import dev.starkbot.platform.Attachment;
import dev.starkbot.platform.ChatKind;
import dev.starkbot.platform.IncomingMessage;
import net.dv8tion.jda.api.entities.Member;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.User;
import net.dv8tion.jda.api.entities.channel.ChannelType;
import net.dv8tion.jda.api.interactions.Interaction;

/**
 * Discord's messages and interactions as the router reads them. A direct chat is identified by the person's user id
 * (which opens the DM channel again after a restart, when JDA's cache is empty), a server channel or thread by its
 * channel id.
 */
final class DiscordMessages {

    static final String PLATFORM = "discord";

    private DiscordMessages() {
    }

    /** A message someone posted, or null for one the bot does not read (its own, other bots', system messages). */
    static @Nullable IncomingMessage from(Message message, String botId) {
        User author = message.getAuthor();
        if (author.isBot() || author.isSystem() || message.isWebhookMessage() || author.getId().equals(botId)) {
            // other bots and webhooks are never answered: two bots answering each other would not stop
            return null;
        }
        boolean direct = message.getChannelType() == ChannelType.PRIVATE;
        Message referenced = message.getReferencedMessage();
        boolean addressed = direct || message.getMentions().isMentioned(message.getJDA().getSelfUser(),
                Message.MentionType.USER) || referenced != null && referenced.getAuthor().getId().equals(botId);
        return new IncomingMessage(PLATFORM, botId, direct ? author.getId() : message.getChannelId(), null,
                direct ? ChatKind.DIRECT : ChatKind.GROUP, author.getId(), name(author, message.getMember()),
                message.getId(), message.getId(), text(message, botId), attachments(message), addressed, null,
                message.getTimeCreated().toInstant());
    }

    /** A slash command or button press: always addressed to the bot. */
    static IncomingMessage from(Interaction interaction, String botId, String messageId, String text,
                                IncomingMessage.@Nullable Callback callback) {
        User user = interaction.getUser();
        boolean direct = !interaction.isFromGuild();
        return new IncomingMessage(PLATFORM, botId, direct ? user.getId() : interaction.getChannelId(), null,
                direct ? ChatKind.DIRECT : ChatKind.GROUP, user.getId(), name(user, interaction.getMember()),
                interaction.getId(), messageId, text, List.of(), true, callback,
                interaction.getTimeCreated().toInstant());
    }

    /**
     * The name shown, with the unique username beside it when they differ: anyone can take a friend's nickname, so a
     * pairing request or a group prompt names the account as well.
     */
    private static String name(User user, @Nullable Member member) {
        String shown = member != null ? member.getEffectiveName() : user.getEffectiveName();
        return shown.equals(user.getName()) ? shown : shown + " (@" + user.getName() + ")";
    }

    /**
     * The text without the bot's own mention (it only addresses the message), other people's mentions as their
     * names: the model reads {@code @Ann}, not {@code <@80351110224678912>}.
     */
    static String text(Message message, String botId) {
        String text = message.getContentRaw().replace("<@" + botId + ">", "").replace("<@!" + botId + ">", "");
        for (User user : message.getMentions().getUsers()) {
            String name = "@" + user.getEffectiveName();
            text = text.replace("<@" + user.getId() + ">", name).replace("<@!" + user.getId() + ">", name);
        }
        return text.strip();
    }

    /** The files, by reference: downloaded only once the router has let the sender in. */
    static List<Attachment> attachments(Message message) {
        return message.getAttachments().stream().map(file -> new Attachment(kind(file, message), file.getFileName(),
                file.getContentType(), file.getSize(), "", file.getUrl())).toList();
    }

    private static Attachment.Kind kind(Message.Attachment file, Message message) {
        String type = file.getContentType() == null ? "" : file.getContentType().toLowerCase(Locale.ROOT);
        if (message.isVoiceMessage()) {
            return Attachment.Kind.VOICE;
        }
        if (file.isImage() || type.startsWith("image/")) {
            return Attachment.Kind.PHOTO;
        }
        if (file.isVideo() || type.startsWith("video/")) {
            return Attachment.Kind.VIDEO;
        }
        return type.startsWith("audio/") ? Attachment.Kind.AUDIO : Attachment.Kind.DOCUMENT;
    }
}
