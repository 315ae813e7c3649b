package dev.starkbot.testing.fake;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.starkbot.platform.internal.ReplySplitter;
import dev.starkbot.platform.telegram.internal.MarkdownReplies;
import dev.starkbot.platform.telegram.internal.TelegramHtml;
import dev.starkbot.platform.telegram.internal.TelegramHtmlChecks;

/**
 * What the Telegram adapter will send, through the parse_mode the fake Bot API applies to sendMessage: every reply
 * the model might write, rendered whole or split into messages, is accepted, and counted as Telegram counts it.
 */
class TelegramMarkupOfRenderedRepliesTest {

    private static final int LIMIT = 100;

    private final TelegramHtml telegram = new TelegramHtml();

    static List<String> replies() {
        return MarkdownReplies.all(500);
    }

    @ParameterizedTest
    @MethodSource("replies")
    void acceptsTheRenderedReply(String markdown) throws Exception {
        String html = telegram.render(markdown);

        var parsed = TelegramMarkup.parse(html, "HTML");

        assertThat(parsed.text()).isEqualTo(TelegramHtmlChecks.visibleText(html).strip());
        assertThat(parsed.text().length()).isLessThanOrEqualTo(telegram.length(html));
    }

    @ParameterizedTest
    @MethodSource("replies")
    void acceptsEveryMessageOfTheSplitReply(String markdown) throws Exception {
        for (String message : ReplySplitter.split((markdown + "\n\n").repeat(6), telegram, LIMIT)) {
            var parsed = TelegramMarkup.parse(message, "HTML");

            assertThat(parsed.text()).isNotEmpty();
            assertThat(parsed.text().length()).isLessThanOrEqualTo(LIMIT);
        }
    }
}
