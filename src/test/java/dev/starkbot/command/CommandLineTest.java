package dev.starkbot.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class CommandLineTest {

    @Test
    void parsesArgumentsQuotedArgumentsAndFlags() {
        CommandLine line = CommandLine.parse("/Remind tomorrow \"buy \\\"oat\\\" milk\" --at=09:00 --quiet");
        assertThat(line.name()).isEqualTo("remind");
        assertThat(line.args()).containsExactly("tomorrow", "buy \"oat\" milk");
        assertThat(line.flags()).isEqualTo(Map.of("at", "09:00", "quiet", "true"));
        assertThat(line.rest()).isEqualTo("tomorrow buy \"oat\" milk");
    }

    @Test
    void dropsTheBotNameTelegramAddsInGroupsAndKeepsQuotedFlagsAsArguments() {
        CommandLine line = CommandLine.parse("  /help@StarkBot \"--not-a-flag\" ");
        assertThat(line.name()).isEqualTo("help");
        assertThat(line.args()).isEqualTo(List.of("--not-a-flag"));
    }

    @Test
    void saysWhereTheSyntaxFails() {
        assertThatThrownBy(() -> CommandLine.parse("/say \"unclosed"))
                .isInstanceOf(CommandException.class).hasMessageContaining("never closed").hasMessageContaining(
                        "column 6");
        assertThatThrownBy(() -> CommandLine.parse("/say --=x")).hasMessageContaining("column 6");
        assertThatThrownBy(() -> CommandLine.parse("/" + "x".repeat(40))).hasMessageContaining("at most 32");
        assertThatThrownBy(() -> CommandLine.parse("hello")).hasMessageContaining("starts with /");
    }

    @Test
    void onlyASlashFollowedByALetterLooksLikeACommand() {
        assertThat(CommandLine.looksLikeCommand("/help")).isTrue();
        assertThat(CommandLine.looksLikeCommand("/ 2")).isFalse();
        assertThat(CommandLine.looksLikeCommand("1/2")).isFalse();
        assertThat(CommandLine.looksLikeCommand("//comment")).isFalse();
    }
}
