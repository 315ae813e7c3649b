package dev.starkbot.platform.discord.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

import dev.starkbot.platform.Button;
import net.dv8tion.jda.api.components.actionrow.ActionRow;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.utils.FileUpload;
import net.dv8tion.jda.api.utils.messages.MessageCreateBuilder;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;
import net.dv8tion.jda.api.utils.messages.MessageEditBuilder;
import net.dv8tion.jda.api.utils.messages.MessageEditData;

/**
 * A reply as JDA sends it. Nothing a reply says may ping anyone: a model told to write {@code @everyone} or a
 * person's {@code <@id>} shows the text, and Discord notifies nobody.
 */
final class DiscordReplies {

    /** Discord's layout: at most five buttons in a row, five rows under a message. */
    private static final int PER_ROW = 5;
    private static final int ROWS = 5;

    private DiscordReplies() {
    }

    static MessageCreateData create(String text, List<Button> buttons, List<Path> files) {
        return new MessageCreateBuilder().setContent(text).setComponents(rows(buttons)).setFiles(uploads(files))
                .setAllowedMentions(EnumSet.noneOf(Message.MentionType.class)).build();
    }

    static MessageEditData edit(String text, List<Button> buttons, List<Path> files) {
        MessageEditBuilder edit = new MessageEditBuilder().setContent(text)
                .setAllowedMentions(EnumSet.noneOf(Message.MentionType.class));
        if (!buttons.isEmpty()) {
            edit.setComponents(rows(buttons));
        }
        if (!files.isEmpty()) {
            edit.setFiles(uploads(files));
        }
        return edit.build();
    }

    private static List<ActionRow> rows(List<Button> buttons) {
        List<ActionRow> rows = new ArrayList<>();
        for (int from = 0; from < buttons.size() && rows.size() < ROWS; from += PER_ROW) {
            rows.add(ActionRow.of(buttons.subList(from, Math.min(buttons.size(), from + PER_ROW)).stream()
                    .map(button -> net.dv8tion.jda.api.components.buttons.Button.secondary(button.data(),
                            button.label().length() > 80 ? button.label().substring(0, 79) + "…" : button.label()))
                    .toList()));
        }
        return rows;
    }

    private static List<FileUpload> uploads(List<Path> files) {
        return files.stream().map(path -> FileUpload.fromData(path.toFile(), name(path))).toList();
    }

    /** The name people see: the stored name without the id prefix the adapter adds on download. */
    private static String name(Path path) {
        return path.getFileName().toString();
    }
}
