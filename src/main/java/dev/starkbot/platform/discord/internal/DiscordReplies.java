package dev.starkbot.platform.discord.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

import dev.starkbot.platform.Button;
import dev.starkbot.platform.OutgoingMessage;
import net.dv8tion.jda.api.EmbedBuilder;
import net.dv8tion.jda.api.components.actionrow.ActionRow;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.MessageEmbed;
import net.dv8tion.jda.api.utils.FileUpload;
import net.dv8tion.jda.api.utils.messages.MessageCreateBuilder;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;
import net.dv8tion.jda.api.utils.messages.MessageEditBuilder;
import net.dv8tion.jda.api.utils.messages.MessageEditData;

/**
 * A reply as JDA sends it. Nothing a reply says may ping anyone: a model told to write {@code @everyone} or a
 * person's {@code <@id>} shows the text, and Discord notifies nobody. StarkBot's own notices (command answers,
 * pairing codes, errors) go in an embed, and the model's words only ever in the message's content, so nothing the
 * model writes can pass for a notice.
 */
final class DiscordReplies {

    /** Discord's layout: at most five buttons in a row, five rows under a message. */
    private static final int PER_ROW = 5;
    private static final int ROWS = 5;
    private static final int MAX_LABEL = 80;
    /** StarkBot's blue, the embed's left border. */
    private static final int NOTICE_COLOUR = 0x3B82F6;

    private DiscordReplies() {
    }

    static MessageCreateData create(OutgoingMessage message, List<Path> files) {
        MessageCreateBuilder create = new MessageCreateBuilder().setComponents(rows(message.buttons()))
                .setFiles(uploads(files)).setAllowedMentions(EnumSet.noneOf(Message.MentionType.class));
        if (message.notice()) {
            create.setEmbeds(notice(message.text()));
        } else {
            create.setContent(message.text());
        }
        return create.build();
    }

    /** The whole message replaced: a command's "thinking…" placeholder by its answer. */
    static MessageEditData replace(OutgoingMessage message, List<Path> files) {
        MessageEditBuilder edit = new MessageEditBuilder().setComponents(rows(message.buttons()))
                .setAllowedMentions(EnumSet.noneOf(Message.MentionType.class));
        if (message.notice()) {
            edit.setContent("").setEmbeds(notice(message.text()));
        } else {
            edit.setContent(message.text());
        }
        if (!files.isEmpty()) {
            edit.setFiles(uploads(files));
        }
        return edit.build();
    }

    /** A streamed reply's text, growing. */
    static MessageEditData text(String text) {
        return new MessageEditBuilder().setContent(text).setAllowedMentions(EnumSet.noneOf(Message.MentionType.class))
                .build();
    }

    /** An embed's description holds 4,096 characters; a notice is split at 2,000 like any reply. */
    private static MessageEmbed notice(String text) {
        return new EmbedBuilder().setDescription(text).setColor(NOTICE_COLOUR).build();
    }

    private static List<ActionRow> rows(List<Button> buttons) {
        List<ActionRow> rows = new ArrayList<>();
        for (int from = 0; from < buttons.size() && rows.size() < ROWS; from += PER_ROW) {
            rows.add(ActionRow.of(buttons.subList(from, Math.min(buttons.size(), from + PER_ROW)).stream()
                    .map(button -> net.dv8tion.jda.api.components.buttons.Button.secondary(button.data(),
                            button.label().length() > MAX_LABEL ? button.label().substring(0, MAX_LABEL - 1) + "…"
                                    : button.label()))
                    .toList()));
        }
        return rows;
    }

    /** Opened only when the request is written (and again if it is sent again), so nothing is left open on failure. */
    private static List<FileUpload> uploads(List<Path> files) {
        return files.stream().map(path -> FileUpload.fromStreamSupplier(path.getFileName().toString(), () -> {
            try {
                return Files.newInputStream(path);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        })).toList();
    }
}
