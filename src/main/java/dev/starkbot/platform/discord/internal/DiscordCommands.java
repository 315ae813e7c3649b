package dev.starkbot.platform.discord.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.starkbot.command.CommandSpec;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.interactions.commands.OptionMapping;
import net.dv8tion.jda.api.interactions.commands.OptionType;
import net.dv8tion.jda.api.interactions.commands.build.CommandData;
import net.dv8tion.jda.api.interactions.commands.build.Commands;
import net.dv8tion.jda.api.interactions.commands.build.OptionData;
import net.dv8tion.jda.api.interactions.commands.build.SlashCommandData;

/**
 * The command registry as Discord slash commands, and a slash command used as the text a person would have typed.
 * A command's usage ({@code <name> [title]}) becomes its options, required ones first as Discord requires; a usage
 * that is not a plain list of arguments becomes one optional free-text option. Discord also gets {@code /ask}, so that
 * people in a server can talk to the model without mentioning the bot.
 */
final class DiscordCommands {

    static final String ASK = "ask";
    private static final String ARGUMENTS = "arguments";
    private static final Pattern ARGUMENT = Pattern.compile("<([a-z0-9_-]{1,32})>|\\[([a-z0-9_-]{1,32})]");
    /** Discord allows 100 commands per scope, and 100 characters of description. */
    private static final int MAX_COMMANDS = 100;
    private static final int MAX_DESCRIPTION = 100;

    private DiscordCommands() {
    }

    static List<CommandData> of(List<CommandSpec> specs) {
        List<CommandData> commands = new ArrayList<>();
        boolean askTaken = specs.stream().anyMatch(spec -> spec.name().equals(ASK));
        if (!askTaken) {
            commands.add(Commands.slash(ASK, "Ask StarkBot anything")
                    .addOption(OptionType.STRING, "question", "What to ask", true));
        }
        for (CommandSpec spec : specs) {
            if (commands.size() == MAX_COMMANDS) {
                break;
            }
            SlashCommandData command = Commands.slash(spec.name(), shortened(spec.description()));
            command.addOptions(options(spec.usage()));
            commands.add(command);
        }
        return commands;
    }

    static List<OptionData> options(String usage) {
        if (usage.isBlank()) {
            return List.of();
        }
        List<OptionData> options = new ArrayList<>();
        boolean optionalSeen = false;
        for (String token : usage.strip().split("\\s+")) {
            Matcher argument = ARGUMENT.matcher(token);
            boolean required = argument.matches() && argument.group(1) != null;
            if (!argument.matches() || required && optionalSeen || options.size() == 25) {
                // not a plain list of arguments (alternatives, flags, or a required one after an optional one)
                return List.of(new OptionData(OptionType.STRING, ARGUMENTS, shortened(usage), false));
            }
            String name = required ? argument.group(1) : argument.group(2);
            optionalSeen |= !required;
            options.add(new OptionData(OptionType.STRING, name, name, required));
        }
        return options;
    }

    /** The text the command stands for: {@code /new Trip plans}, or for {@code /ask} the question itself. */
    static String text(SlashCommandInteractionEvent event, boolean askIsOurs) {
        if (askIsOurs && event.getName().equals(ASK)) {
            OptionMapping question = event.getOption("question");
            return question == null ? "" : question.getAsString();
        }
        var text = new StringBuilder("/").append(event.getName());
        for (OptionMapping option : event.getOptions()) {
            String value = option.getAsString().strip();
            if (!value.isEmpty()) {
                text.append(' ').append(value);
            }
        }
        return text.toString();
    }

    private static String shortened(String text) {
        String line = text.isBlank() ? "—" : text.strip();
        return line.length() <= MAX_DESCRIPTION ? line : line.substring(0, MAX_DESCRIPTION - 1) + "…";
    }
}
