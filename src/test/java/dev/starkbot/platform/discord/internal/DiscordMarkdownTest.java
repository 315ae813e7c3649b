package dev.starkbot.platform.discord.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.starkbot.platform.internal.ReplySplitter;
import dev.starkbot.platform.telegram.internal.MarkdownReplies;

/** The model's Markdown as Discord shows it: only Discord's own markup, everything else escaped, nothing lost. */
class DiscordMarkdownTest {

    private final DiscordMarkdown format = new DiscordMarkdown();

    @Test
    void emphasisCodeAndStrikeAreKeptInDiscordsSyntax() {
        assertThat(format.render("**bold** *italic* ~~gone~~ `code` __strong__ _em_"))
                .isEqualTo("**bold** *italic* ~~gone~~ `code` **strong** *em*");
    }

    @Test
    void headingsBeyondThreeLevelsBecomeBoldAndRulesAreDrawn() {
        assertThat(format.render("# One\n\n#### Four\n\n---")).isEqualTo("# One\n\n**Four**\n\n———");
    }

    @Test
    void textThatDiscordWouldReadAsMarkupIsEscaped() {
        assertThat(format.render("a \\*star\\* and <@123> and a | pipe")).isEqualTo(
                "a \\*star\\* and \\<@123\\> and a \\| pipe");
        assertThat(format.escape("- not a list\n> not a quote")).isEqualTo("\\- not a list\n\\> not a quote");
    }

    @Test
    void webAddressesStayWholeAndLinksShowNoPreviewCards() {
        assertThat(format.render("see https://example.com/a_b_c for more")).isEqualTo(
                "see https://example.com/a_b_c for more");
        assertThat(format.render("[the docs](https://example.com/docs) and <https://example.com>"))
                .isEqualTo("[the docs](<https://example.com/docs>) and <https://example.com>");
        assertThat(format.render("[run me](javascript:alert(1))")).isEqualTo("run me");
    }

    @Test
    void aLinkShowingOneAddressCannotOpenAnother() {
        assertThat(format.render("[https://discord.com/login](https://evil.example/x)"))
                .isEqualTo("https://discord.com/login (<https://evil.example/x>)");
        assertThat(format.render("[a [b] c](https://example.com)")).isEqualTo("[a \\[b\\] c](<https://example.com>)");
    }

    @Test
    void codeBlocksKeepTheirLanguageAndAFenceInsideCannotCloseThem() {
        assertThat(format.render("```python\nprint(1)\n```")).isEqualTo("```python\nprint(1)\n```");
        assertThat(format.render("````\na ``` inside\n````")).isEqualTo("```\na `\u200b`` inside\n```");
    }

    @Test
    void tablesAreLaidOutInACodeBlockAndQuotesAreOneLevel() {
        assertThat(format.render("| a | b |\n|---|---|\n| 1 | 22 |")).isEqualTo("```\na | b\n--+---\n1 | 22\n```");
        assertThat(format.render("> outer\n> > inner")).isEqualTo("> outer\n> \n> inner");
    }

    @Test
    void nestedListsAreIndented() {
        assertThat(format.render("- one\n  - two\n1. first")).isEqualTo("- one\n  - two\n\n1. first");
    }

    static Stream<String> replies() {
        return MarkdownReplies.all(300).stream();
    }

    @ParameterizedTest
    @MethodSource("replies")
    void anyReplySplitsIntoMessagesWithinTheLimitEachWithWholeCodeBlocks(String reply) {
        List<String> messages = ReplySplitter.split(reply, format);

        assertThat(messages).allSatisfy(message -> {
            assertThat(message.length()).isLessThanOrEqualTo(DiscordMarkdown.MAX_LENGTH);
            // Discord opens and closes a code block at any three backticks, not only at the start of a line
            assertThat(Pattern.compile("```").matcher(message).results().count() % 2).as("fences in %s", message)
                    .isZero();
            // outside code, a '<' could start a mention or a timestamp: it is escaped unless it wraps an address
            assertThat(message.replaceAll("(?s)```.*?```", "").replaceAll("\\\\.", "")
                    .replaceAll("(?s)``.*?``|`[^`]*`", "")).doesNotContainPattern("<(?!https?://)");
        });
    }
}
