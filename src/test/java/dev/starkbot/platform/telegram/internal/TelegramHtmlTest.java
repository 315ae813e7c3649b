package dev.starkbot.platform.telegram.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class TelegramHtmlTest {

    private final TelegramHtml telegram = new TelegramHtml();

    private String render(String markdown) {
        return telegram.render(markdown);
    }

    // Inline markup -------------------------------------------------------------------------------------------------

    @Test
    void rendersEmphasisStrikethroughAndInlineCode() {
        assertThat(render("**bold** *italic* __also bold__ _also italic_ ~~gone~~ `x < y`"))
                .isEqualTo("<b>bold</b> <i>italic</i> <b>also bold</b> <i>also italic</i> <s>gone</s> "
                        + "<code>x &lt; y</code>");
    }

    @Test
    void nestsEmphasisWithoutRepeatingATagAlreadyOpen() {
        assertThat(render("***both*** **a *b* c**")).isEqualTo("<i><b>both</b></i> <b>a <i>b</i> c</b>");
        assertThat(render("# Title with **bold**")).isEqualTo("<b>Title with bold</b>");
    }

    @Test
    void leavesASingleTildeAlone() {
        assertThat(render("about ~5 minutes, ~10 at most")).isEqualTo("about ~5 minutes, ~10 at most");
    }

    @Test
    void showsUnbalancedMarkersAsWritten() {
        assertThat(render("**unclosed and `open")).isEqualTo("**unclosed and `open");
        assertThat(render("snake_case_name and 2*3*4")).isEqualTo("snake_case_name and 2<i>3</i>4");
    }

    // Hostile input -------------------------------------------------------------------------------------------------

    @Test
    void showsRawHtmlAsText() {
        assertThat(render("<script>alert('x')</script>")).isEqualTo("&lt;script&gt;alert('x')&lt;/script&gt;");
        assertThat(render("say <b>hi</b> & <i>bye</i>"))
                .isEqualTo("say &lt;b&gt;hi&lt;/b&gt; &amp; &lt;i&gt;bye&lt;/i&gt;");
        assertThat(render("<div>\n<b>block</b>\n</div>")).isEqualTo("&lt;div&gt;\n&lt;b&gt;block&lt;/b&gt;\n"
                + "&lt;/div&gt;");
    }

    @Test
    void decodesMarkdownEntitiesAndEscapesTheResult() {
        assertThat(render("&amp; &lt;b&gt; &copy; &#60; &#x1F600; &bogus; AT&T"))
                .isEqualTo("&amp; &lt;b&gt; © &lt; 😀 &amp;bogus; AT&amp;T");
    }

    @Test
    void showsBackslashEscapedMarkupAsCharacters() {
        assertThat(render("\\*not bold\\* \\<i\\> \\\\")).isEqualTo("*not bold* &lt;i&gt; \\");
    }

    @Test
    void rendersLinksWithSafeSchemesOnly() {
        assertThat(render("[web](https://example.com/a?b=1&c=\"2\") [tg](tg://user?id=1) [mail](mailto:a@b.c)"))
                .isEqualTo("<a href=\"https://example.com/a?b=1&amp;c=&quot;2&quot;\">web</a> "
                        + "<a href=\"tg://user?id=1\">tg</a> <a href=\"mailto:a@b.c\">mail</a>");
        assertThat(render("[click me](javascript:alert(1)) [x](data:text/html,hi) [rel](/path) [ftp](ftp://h/f)"))
                .isEqualTo("click me x rel ftp");
        assertThat(render("[JavaScript](JAVASCRIPT:alert(1)) [](javascript:alert(1))"))
                .isEqualTo("JavaScript javascript:alert(1)");
    }

    @Test
    void rendersAutolinksAndLinksWithoutText() {
        assertThat(render("<https://example.com/x> [](https://example.com/y)"))
                .isEqualTo("<a href=\"https://example.com/x\">https://example.com/x</a> "
                        + "<a href=\"https://example.com/y\">https://example.com/y</a>");
    }

    @Test
    void keepsBoldInsideLinksButNotCode() {
        assertThat(render("[**bold** and `code`](https://x.y) **[in bold](https://x.y)**"))
                .isEqualTo("<a href=\"https://x.y\"><b>bold</b> and code</a> "
                        + "<b><a href=\"https://x.y\">in bold</a></b>");
    }

    @Test
    void rendersImagesAsLinksNamedByTheirAltText() {
        assertThat(render("![a *cat*](https://x.y/cat.png) ![](https://x.y/i.png) ![bad](javascript:1)"))
                .isEqualTo("<a href=\"https://x.y/cat.png\">a cat</a> "
                        + "<a href=\"https://x.y/i.png\">image</a> bad");
    }

    @Test
    void resolvesReferenceLinks() {
        assertThat(render("[one][r] and [two]\n\n[r]: https://x.y/1\n[two]: javascript:no"))
                .isEqualTo("<a href=\"https://x.y/1\">one</a> and two");
    }

    // Blocks --------------------------------------------------------------------------------------------------------

    @Test
    void separatesParagraphsWithOneBlankLine() {
        assertThat(render("one\n\n\n\ntwo\nline  \nbreak")).isEqualTo("one\n\ntwo\nline\nbreak");
    }

    @Test
    void rendersHeadingsAsBoldLines() {
        assertThat(render("# One\ntext\n\nTwo\n---\n\n###### Six `x`"))
                .isEqualTo("<b>One</b>\n\ntext\n\n<b>Two</b>\n\n<b>Six <code>x</code></b>");
    }

    @Test
    void rendersListsAsBulletedAndNumberedLines() {
        assertThat(render("- a\n- b\n  - nested\n    1. deep\n- c\n\n3. three\n4. four"))
                .isEqualTo("• a\n• b\n  • nested\n    1. deep\n• c\n\n3. three\n4. four");
    }

    @Test
    void keepsLooseListsLooseAndIndentsContinuationParagraphs() {
        assertThat(render("- one\n\n- two\n\n  more of two")).isEqualTo("• one\n\n• two\n\n  more of two");
    }

    @Test
    void keepsCodeInAListItemUnindented() {
        assertThat(render("1. run:\n   ```sh\n   make\n   make test\n   ```\n2. `done`"))
                .isEqualTo("1. run:\n   <pre><code class=\"language-sh\">make\nmake test</code></pre>\n"
                        + "2. <code>done</code>");
    }

    @Test
    void rendersQuotesAndFlattensNestedOnes() {
        assertThat(render("> said **this**\n> > and that\n> - item"))
                .isEqualTo("<blockquote>said <b>this</b>\n\nand that\n\n• item</blockquote>");
    }

    @Test
    void rendersThematicBreaksAsARule() {
        assertThat(render("above\n\n---\n\nbelow")).isEqualTo("above\n\n———\n\nbelow");
    }

    @Test
    void rendersCodeBlocksWithTheirLanguage() {
        assertThat(render("```python title=x\nif a < b:\n    print(\"&\")\n```"))
                .isEqualTo("<pre><code class=\"language-python\">if a &lt; b:\n    print(\"&amp;\")</code></pre>");
        assertThat(render("```\nplain\n```\n\n    indented <x>"))
                .isEqualTo("<pre>plain</pre>\n\n<pre>indented &lt;x&gt;</pre>");
    }

    @Test
    void dropsALanguageThatIsNotAName() {
        assertThat(render("```\"><script>\nx\n```")).isEqualTo("<pre>x</pre>");
    }

    @Test
    void rendersTablesAsAlignedMonospaceText() {
        assertThat(render("| name | qty | note |\n|:-----|----:|:----:|\n| apple | 3 | **ok** |\n"
                + "| 中文 | 12 | <x> |"))
                .isEqualTo("<pre>name  | qty | note\n"
                        + "------+-----+-----\n"
                        + "apple |   3 |  ok\n"
                        + "中文  |  12 | &lt;x&gt;</pre>");
    }

    @Test
    void dropsBlocksThatShowNothing() {
        assertThat(render("#\n\n```\n```\n\n[r]: https://x.y\n\ntext")).isEqualTo("text");
        assertThat(render("` `\n\n**&#32;**")).as("Telegram refuses a message of white space").isEmpty();
    }

    // Length and escaping -------------------------------------------------------------------------------------------

    @Test
    void countsLengthAsTelegramDoesAfterParsingEntities() {
        assertThat(telegram.length("<b>bold</b> &lt;&amp;&gt;&quot;")).isEqualTo(9);
        assertThat(telegram.length("<a href=\"https://x.y/?a&amp;b\">link</a>")).isEqualTo(4);
        assertThat(telegram.length("😀 &#128512; &#x1F600;")).isEqualTo(8)
                .isEqualTo(TelegramHtmlChecks.visibleText("😀 &#128512; &#x1F600;").length());
        assertThat(telegram.length("<pre><code class=\"language-java\">x</code></pre>")).isEqualTo(1);
        assertThat(telegram.length("a & b; &nbsp;")).isEqualTo(13);
    }

    @Test
    void escapesPlainTextForHtmlMode() {
        assertThat(telegram.escape("<b> & \"q\"")).isEqualTo("&lt;b&gt; &amp; \"q\"");
        assertThat(telegram.length(telegram.escape("<b> & \"q\""))).isEqualTo(9);
    }

    @Test
    void allowsTelegramsMessageLimit() {
        assertThat(telegram.maxLength()).isEqualTo(4096);
    }

    // Every output --------------------------------------------------------------------------------------------------

    static List<String> replies() {
        return MarkdownReplies.all(500);
    }

    @ParameterizedTest
    @MethodSource("replies")
    void rendersEveryReplyAsWellFormedTelegramHtml(String markdown) {
        String html = render(markdown);

        assertThatCode(() -> TelegramHtmlChecks.visibleText(html)).doesNotThrowAnyException();
        assertThat(telegram.length(html)).isEqualTo(TelegramHtmlChecks.visibleText(html).length());
    }
}
