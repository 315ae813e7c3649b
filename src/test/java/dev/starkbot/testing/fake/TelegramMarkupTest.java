package dev.starkbot.testing.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The fake's parse_mode against the Bot API's documented examples and Telegram's error messages, since the Telegram
 * adapter's escaping is checked against it.
 */
class TelegramMarkupTest {

    @Test
    void markdownV2EntitiesAndEscapes() throws Exception {
        var parsed = TelegramMarkup.parse("*bold \\*text* _italic_ __under__ ~gone~ ||hidden|| "
                + "[link](http://www.example.com/a\\)b) `co\\`de` 1\\.5\\!", "MarkdownV2");

        assertThat(parsed.text()).isEqualTo("bold *text italic under gone hidden link co`de 1.5!");
        assertThat(parsed.entities()).extracting(e -> e.path("type").asString() + "@" + e.path("offset").asInt()
                + "+" + e.path("length").asInt()).containsExactly("bold@0+10", "italic@11+6", "underline@18+5",
                "strikethrough@24+4", "spoiler@29+6", "text_link@36+4", "code@41+5");
        assertThat(parsed.entities().get(5).path("url").asString()).isEqualTo("http://www.example.com/a)b");
    }

    @Test
    void markdownV2PreBlocksAndQuotes() throws Exception {
        var pre = TelegramMarkup.parse("```python\nprint(1.5)\n```", "MarkdownV2");
        var quote = TelegramMarkup.parse(">first\n>second\nafter", "MarkdownV2");

        assertThat(pre.text()).isEqualTo("print(1.5)");
        assertThat(pre.entities().get(0).path("language").asString()).isEqualTo("python");
        assertThat(quote.text()).isEqualTo("first\nsecond\nafter");
        assertThat(quote.entities().toString()).isEqualTo("[{\"offset\":0,\"length\":12,\"type\":\"blockquote\"}]");
    }

    @Test
    void offsetsCountUtf16AndTextIsTrimmed() throws Exception {
        var parsed = TelegramMarkup.parse("  \uD83D\uDE00 *b*  ", "MarkdownV2");

        assertThat(parsed.text()).isEqualTo("\uD83D\uDE00 b");
        assertThat(parsed.entities().get(0).path("offset").asInt()).isEqualTo(3);
    }

    @Test
    void htmlTagsEntitiesAndCodeLanguage() throws Exception {
        var parsed = TelegramMarkup.parse("<b>bold</b> &lt;x&gt; &amp; &#33; <a href=\"https://x.org/?a=1&amp;b\">"
                + "link</a> <span class=\"tg-spoiler\">s</span>\n"
                + "<pre><code class=\"language-java\">int i;</code></pre>", "HTML");

        assertThat(parsed.text()).isEqualTo("bold <x> & ! link s\nint i;");
        assertThat(parsed.entities()).extracting(entity -> entity.path("type").asString())
                .containsExactly("bold", "text_link", "spoiler", "pre");
        assertThat(parsed.entities().get(3).path("language").asString()).isEqualTo("java");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = { // mode | text | reason
        "MarkdownV2 | Version 1.5 | Character '.' is reserved and must be escaped with the preceding '\\'",
        "MarkdownV2 | a - b | Character '-' is reserved and must be escaped with the preceding '\\'",
        "MarkdownV2 | *bold | Can't find end of Bold entity at byte offset 0",
        "MarkdownV2 | ab_c | Can't find end of Italic entity at byte offset 2",
        "MarkdownV2 | é *b | Can't find end of Bold entity at byte offset 3",
        "MarkdownV2 | `code | Can't find end of Code entity at byte offset 0",
        "HTML | <br> | Unsupported start tag \"br\" at byte offset 0",
        "HTML | <b>x</i> | Unmatched end tag at byte offset 4, expected \"</b>\", found \"</i>\"",
        "HTML | x</b> | Unexpected end tag at byte offset 1",
        "HTML | <i>open | Can't find end tag corresponding to start tag \"i\"",
        "Markdown | snake_case | Can't find end of the entity starting at byte offset 5",
    })
    void refusesWithTelegramsReasons(String mode, String text, String reason) {
        assertThatThrownBy(() -> TelegramMarkup.parse(text, mode)).isInstanceOf(TelegramMarkup.ParseException.class)
                .hasMessage(reason);
    }

    @Test
    void plainTextIsLeftAlone() throws Exception {
        assertThat(TelegramMarkup.parse("1.5 *not bold* <b>", null).text()).isEqualTo("1.5 *not bold* <b>");
    }
}
