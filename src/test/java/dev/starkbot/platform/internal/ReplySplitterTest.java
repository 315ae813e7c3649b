package dev.starkbot.platform.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.starkbot.platform.telegram.internal.MarkdownReplies;
import dev.starkbot.platform.telegram.internal.TelegramHtml;
import dev.starkbot.platform.telegram.internal.TelegramHtmlChecks;

class ReplySplitterTest {

    private static final Pattern WHITE_SPACE = Pattern.compile("\\s+");

    private final TelegramHtml telegram = new TelegramHtml();

    /** Splits, and checks what every split must be: well-formed, within the limit, none empty. */
    private List<String> split(String markdown, int maxLength) {
        List<String> chunks = ReplySplitter.split(markdown, telegram, maxLength);
        for (String chunk : chunks) {
            assertThat(telegram.length(chunk)).as("length of %s", chunk).isLessThanOrEqualTo(maxLength);
            assertThat(TelegramHtmlChecks.visibleText(chunk)).as("text of %s", chunk).isNotBlank();
        }
        return chunks;
    }

    private List<String> split(String markdown) {
        return split(markdown, TelegramHtml.MAX_LENGTH);
    }

    private static String visible(List<String> chunks) {
        return chunks.stream().map(TelegramHtmlChecks::visibleText).collect(Collectors.joining());
    }

    private static String withoutSpace(String text) {
        return WHITE_SPACE.matcher(text).replaceAll("");
    }

    private static String paragraphs(int count, int sentences) {
        return IntStream.range(0, count).mapToObj(p -> "Paragraph " + p + " begins. " + IntStream.range(0,
                sentences).mapToObj(s -> "Sentence " + s + " of " + p + " says a < b & c.").collect(Collectors
                .joining(" ")) + " End of " + p + ".").collect(Collectors.joining("\n\n"));
    }

    // Short replies -------------------------------------------------------------------------------------------------

    @Test
    void sendsAReplyThatFitsAsOneMessage() {
        assertThat(split("# Hi\n\n**all** of it")).containsExactly(telegram.render("# Hi\n\n**all** of it"));
    }

    @Test
    void sendsNothingForAReplyThatShowsNothing() {
        assertThat(split("")).isEmpty();
        assertThat(split(" \n\n \t")).isEmpty();
        assertThat(split("[r]: https://x.y\n\n```\n```")).isEmpty();
    }

    @Test
    void keepsAReplyExactlyAtTheLimitInOneMessage() {
        assertThat(split("a".repeat(4096))).hasSize(1);
        assertThat(split("<".repeat(4096))).singleElement().satisfies(chunk -> assertThat(chunk).hasSize(4 * 4096));
        assertThat(split("a".repeat(4097))).hasSize(2);
    }

    // Where it cuts -------------------------------------------------------------------------------------------------

    @Test
    void cutsLongProseBetweenParagraphs() {
        String reply = paragraphs(100, 5);

        List<String> chunks = split(reply);

        assertThat(chunks).hasSizeGreaterThan(2);
        for (String chunk : chunks) {
            assertThat(TelegramHtmlChecks.visibleText(chunk)).matches("(?s)Paragraph \\d+ begins\\..*End of \\d+\\.");
        }
        assertThat(withoutSpace(visible(chunks))).isEqualTo(withoutSpace(TelegramHtmlChecks.visibleText(
                telegram.render(reply))));
    }

    @Test
    void fillsEachMessageBeforeStartingTheNext() {
        List<String> chunks = split(paragraphs(60, 5));

        for (String chunk : chunks.subList(0, chunks.size() - 1)) {
            assertThat(telegram.length(chunk)).isGreaterThan(4096 - 600); // one paragraph is about 500 long
        }
    }

    @Test
    void cutsAParagraphBetweenSentences() {
        String reply = paragraphs(1, 200);

        List<String> chunks = split(reply, 1000);

        assertThat(chunks).hasSizeGreaterThan(5);
        chunks.forEach(chunk -> assertThat(TelegramHtmlChecks.visibleText(chunk)).endsWith("."));
        assertThat(withoutSpace(visible(chunks))).isEqualTo(withoutSpace(TelegramHtmlChecks.visibleText(
                telegram.render(reply))));
    }

    @Test
    void cutsASentenceBetweenWords() {
        String reply = IntStream.range(0, 2000).mapToObj(i -> "word" + i).collect(Collectors.joining(" "));

        List<String> chunks = split(reply, 500);

        assertThat(chunks.stream().map(TelegramHtmlChecks::visibleText).collect(Collectors.joining(" ")))
                .isEqualTo(reply);
    }

    @Test
    void cutsAWordLongerThanTheLimitBetweenCharacters() {
        String emoji = "😀👍🏽👨‍👩‍👧".repeat(1000);

        List<String> chunks = split(emoji);

        assertThat(chunks).hasSizeGreaterThan(1);
        assertThat(visible(chunks)).isEqualTo(emoji);
        for (String chunk : chunks) {
            assertThat(chunk).doesNotStartWith("\u200D").doesNotEndWith("\u200D")
                    .satisfies(text -> assertThat(Character.isLowSurrogate(text.charAt(0))).isFalse());
        }
    }

    @Test
    void neverCutsInsideAnEntityOrAfterABackslash() {
        String reply = "x&amp;\\*".repeat(3000);

        List<String> chunks = split(reply, 100);

        assertThat(visible(chunks)).isEqualTo("x&*".repeat(3000));
    }

    @Test
    void keepsLinksAndCodeSpansWhole() {
        String reply = ("See [the answer? It is. Here](<https://x.y/q? a=1. b> \"A title. With? Words\") and "
                + "`code. With? words` and ![an image. Really?](<https://x.y/i.png?a. b>). ").repeat(200);

        List<String> chunks = split(reply, 150);

        assertThat(chunks).hasSizeGreaterThan(10).allSatisfy(chunk -> assertThat(TelegramHtmlChecks.visibleText(
                chunk)).doesNotContain("](", "`", "<https", "\""));
    }

    @Test
    void escapesWhatWouldStartABlockWhereAParagraphIsCut() {
        String reply = ("one - two + three # four > five 2. six\n7) seven\n--- eight *** nine ```ten ").repeat(40);

        List<String> chunks = split(reply, 20);

        assertThat(withoutSpace(visible(chunks))).isEqualTo(withoutSpace(reply));
        assertThat(String.join("", chunks)).doesNotContain("•", "<b>", "<blockquote>", "<pre>", "<code>", "———");
    }

    @Test
    void respectsTheLimitForCjkAndEmoji() {
        String reply = ("中文没有空格所以只能在字符之间切开。" .repeat(100) + "\n\n" + "🇯🇵🏳️‍🌈 ".repeat(300)).repeat(3);

        List<String> chunks = split(reply, 1000);

        assertThat(chunks).hasSizeGreaterThan(3);
        assertThat(withoutSpace(visible(chunks))).isEqualTo(withoutSpace(reply));
    }

    // Blocks cut inside ---------------------------------------------------------------------------------------------

    @Test
    void cutsALongCodeBlockIntoFencedMessages() {
        var code = new StringBuilder();
        for (int line = 0; code.length() < 10_000; line++) {
            code.append("if a < b and c > d: print(\"line ").append(line).append(" & more\")\n");
        }

        List<String> chunks = split("Here:\n\n```python\n" + code + "```\n\nDone.");

        assertThat(chunks).hasSizeGreaterThanOrEqualTo(4);
        assertThat(chunks.getFirst()).isEqualTo("Here:");
        assertThat(chunks.getLast()).isEqualTo("Done.");
        List<String> fenced = chunks.subList(1, chunks.size() - 1);
        assertThat(fenced).hasSizeGreaterThanOrEqualTo(3).allSatisfy(chunk -> assertThat(chunk)
                .startsWith("<pre><code class=\"language-python\">").endsWith("</code></pre>"));
        assertThat(fenced.stream().map(TelegramHtmlChecks::visibleText).collect(Collectors.joining("\n")) + "\n")
                .isEqualTo(code.toString());
    }

    @Test
    void cutsAnOverlongCodeLineInsideItsFence() {
        String line = "0123456789<>&".repeat(800);

        List<String> chunks = split("~~~~js\n" + line + "\n~~~~");

        assertThat(chunks).hasSize(3).allSatisfy(chunk -> assertThat(chunk)
                .startsWith("<pre><code class=\"language-js\">").endsWith("</code></pre>"));
        assertThat(visible(chunks)).isEqualTo(line);
    }

    @Test
    void cutsAnUnclosedFenceAndClosesEveryPiece() {
        String code = "x = 1\n".repeat(1500);

        List<String> chunks = split("```\n" + code);

        assertThat(chunks).hasSizeGreaterThan(1).allSatisfy(chunk -> assertThat(chunk).startsWith("<pre>")
                .endsWith("</pre>"));
    }

    @Test
    void cutsListsBetweenItemsAndKeepsTheirNumbers() {
        String reply = IntStream.rangeClosed(1, 300).mapToObj(i -> i + ". item " + i + " with `code`")
                .collect(Collectors.joining("\n"));

        List<String> chunks = split(reply, 1000);

        assertThat(chunks).hasSizeGreaterThan(3);
        int expected = 1;
        for (String chunk : chunks) {
            for (String line : TelegramHtmlChecks.visibleText(chunk).split("\n")) {
                assertThat(line).isEqualTo(expected + ". item " + expected + " with code");
                expected++;
            }
        }
        assertThat(expected).isEqualTo(301);
    }

    @Test
    void numbersEveryMessageOfAListAsTheWholeListIsNumbered() {
        String reply = IntStream.rangeClosed(1, 40).mapToObj(i -> "1. item\n\n   more of it\n")
                .collect(Collectors.joining());

        List<String> chunks = split(reply, 200);

        assertThat(chunks).hasSizeGreaterThan(5);
        assertThat(chunks.stream().map(TelegramHtmlChecks::visibleText).collect(Collectors.joining(" "))
                .replaceAll("\\s+", " ")).isEqualTo(IntStream.rangeClosed(1, 40)
                .mapToObj(i -> i + ". item more of it").collect(Collectors.joining(" ")));
    }

    @Test
    void dropsTheBackslashOfAHardBreakWhereALineEndsAMessage() {
        String reply = "a line that ends in a hard break\\\n".repeat(100) + "and one that does not";

        List<String> chunks = split(reply, 200);

        assertThat(chunks).hasSizeGreaterThan(5).allSatisfy(chunk -> assertThat(chunk).doesNotContain("\\"));
        assertThat(withoutSpace(visible(chunks))).isEqualTo(withoutSpace(TelegramHtmlChecks.visibleText(
                telegram.render(reply))));
    }

    @Test
    void cutsAListItemTooLongAloneShowingItsMarkerOnce() {
        String list = "1. short\n2. " + paragraphs(6, 3).replace("\n\n", "\n\n   ") + "\n3. short";

        List<String> chunks = split(list, 400);

        assertThat(chunks).hasSize(4);
        assertThat(chunks.getFirst()).isEqualTo("1. short");
        assertThat(chunks.get(1)).startsWith("2. Paragraph 0 begins.");
        assertThat(chunks.subList(2, chunks.size() - 1)).allSatisfy(chunk -> assertThat(chunk)
                .startsWith("Paragraph ").doesNotContain("1. ", "2. ", "3. "));
        assertThat(chunks.getLast()).endsWith("3. short");
    }

    @Test
    void keepsQuotesQuotedInEveryMessage() {
        String reply = paragraphs(30, 3).lines().map(line -> "> " + line).collect(Collectors.joining("\n"));

        List<String> chunks = split(reply, 800);

        assertThat(chunks).hasSizeGreaterThan(2).allSatisfy(chunk -> assertThat(chunk).startsWith("<blockquote>")
                .endsWith("</blockquote>"));
    }

    @Test
    void repeatsATablesHeaderInEveryMessage() {
        String reply = "| name | value |\n|---|---:|\n" + IntStream.range(0, 200).mapToObj(i -> "| row " + i + " | "
                + i * 37 + " |").collect(Collectors.joining("\n"));

        List<String> chunks = split(reply, 700);

        assertThat(chunks).hasSizeGreaterThan(3).allSatisfy(chunk -> assertThat(chunk)
                .matches("(?s)<pre>name +\\| value\n-+\\+------\nrow .*</pre>"));
    }

    @Test
    void resolvesReferenceLinksInEveryMessage() {
        String reply = "See [the docs][d].\n\n".repeat(300) + "[d]: https://example.com/docs";

        List<String> chunks = split(reply, 1000);

        assertThat(chunks).hasSizeGreaterThan(3).allSatisfy(chunk -> assertThat(chunk)
                .startsWith("See <a href=\"https://example.com/docs\">the docs</a>."));
    }

    // Limits --------------------------------------------------------------------------------------------------------

    @Test
    void honoursATighterLimitAndNeverExceedsThePlatforms() {
        String reply = paragraphs(30, 4);

        assertThat(split(reply, 300)).allSatisfy(chunk -> assertThat(telegram.length(chunk)).isLessThanOrEqualTo(300));
        assertThat(ReplySplitter.split(reply, telegram, 100_000)).isEqualTo(ReplySplitter.split(reply, telegram));
        assertThatThrownBy(() -> ReplySplitter.split(reply, telegram, 15)).isInstanceOf(
                IllegalArgumentException.class);
    }

    @Test
    void splitsAHundredThousandCharacterReplyInWellUnderASecond() {
        var reply = new StringBuilder();
        for (int part = 0; reply.length() < 100_000; part++) {
            reply.append(paragraphs(3, 4)).append("\n\n```java\n")
                    .append("int x = a < b && c > d; // line\n".repeat(part % 3 * 100)).append("```\n\n")
                    .append(IntStream.range(0, 30).mapToObj(i -> "- item " + i).collect(Collectors.joining("\n")))
                    .append("\n\n| a | b |\n|---|---|\n").append("| cell | 😀 中文 |\n".repeat(40)).append("\n");
        }
        String markdown = reply.substring(0, 100_000);
        ReplySplitter.split(markdown.substring(0, 20_000), telegram); // loads and warms up commonmark

        long start = System.nanoTime();
        List<String> chunks = ReplySplitter.split(markdown, telegram);
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertThat(millis).isLessThan(1000);
        assertThat(chunks).hasSizeGreaterThan(24).allSatisfy(chunk -> assertThat(telegram.length(chunk))
                .isLessThanOrEqualTo(4096));
    }

    // Every reply ---------------------------------------------------------------------------------------------------

    static List<String> replies() {
        List<String> longReplies = new ArrayList<>();
        for (String reply : MarkdownReplies.all(200)) {
            longReplies.add((reply + "\n\n").repeat(8));
        }
        return longReplies;
    }

    @ParameterizedTest
    @MethodSource("replies")
    void cutsEveryReplyIntoWellFormedMessagesWithinTheLimit(String markdown) {
        List<String> chunks = split(markdown, 120);

        assertThat(chunks.isEmpty()).isEqualTo(TelegramHtmlChecks.visibleText(telegram.render(markdown)).isBlank());
    }
}
