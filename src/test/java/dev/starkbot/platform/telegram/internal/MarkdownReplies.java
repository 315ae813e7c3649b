package dev.starkbot.platform.telegram.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Replies a model might write, hostile and broken ones included, for tests of what platforms are sent. */
public final class MarkdownReplies {

    private static final List<String> WRITTEN = List.of(
            "",
            "Plain text, nothing more.",
            "**bold** *italic* ***both*** ~~gone~~ `code` __strong__ _em_",
            "<script>alert('x')</script>",
            "Use <b>tags</b> & <i>entities</i> like &amp; &lt; &gt; &quot; &#60; &#x3C; &copy; &bogus; & alone",
            "**unclosed bold and *unclosed italic and `unclosed code and ~~unclosed strike",
            "*a **b* c** d_ e__",
            "[click](javascript:alert(1)) [data](data:text/html,<b>x</b>) [rel](/relative) [empty]()",
            "[site](https://example.com/?a=1&b=\"2\"<x>) <https://auto.link/path?q=<>&>",
            "[tg](tg://user?id=42) [mail](mailto:someone@example.com) [bare](https:) [spaced](<https://a b>)",
            "[**bold** and `code` in a link](https://example.com) and **[a link](https://example.com) in bold**",
            "![alt *text*](https://example.com/cat.png) ![](https://example.com/x.png) ![x](javascript:1)",
            "# Heading\n\n## Second *level* `code`\n\nSetext\n======\n\n#",
            "- one\n- two\n  - nested `code`\n    1. deeper\n       - deepest\n- three\n\n7. seven\n8. eight",
            "- loose\n\n- list\n\n  with a second paragraph\n\n  ```js\n  let inItem = 1 < 2;\n  ```",
            "1) paren\n2) delimited\n\n- [ ] task\n- [x] done\n\n-\n- empty item above",
            "> quoted **bold**\n> > nested quote\n> - list in quote\n>\n> ```\n> code in quote\n> ```",
            "---\n***\n___",
            "```python\nprint(\"<hello> & goodbye\")\n```\n\n```\nno language\n```\n\n~~~ruby extra info\nputs 1\n~~~",
            "```\"><script>alert(1)</script>\nfence with a hostile info string\n```",
            "```\nunclosed fence runs to the end\n<b>",
            "    indented code <x>\n    & more",
            "| left | center | right |\n|:-----|:------:|------:|\n| a | **b** | `c` |\n| 中文 | 😀 | [l](https://x.y) |",
            "| a | b |\n|---|---|\n| only one cell |\n| 1 | 2 | 3 |",
            "<div>\nblock <b>html</b>\n</div>\n\n<!-- comment -->\n\ntext <span class=\"tg-spoiler\">x</span>",
            "line one  \nhard break\\\nbackslash break\nsoft break",
            "emoji 😀👍🏽👨‍👩‍👧 and CJK 中文字符 and RTL שלום and combining é",
            "Escapes: \\*not bold\\* \\<not a tag\\> \\& \\` \\\\",
            "[ref][r] and [collapsed][] and [shortcut]\n\n[r]: https://example.com/ref\n[collapsed]: tg://resolve\n"
                    + "[shortcut]: javascript:evil()",
            "*" + "*".repeat(200) + "deep" + "*".repeat(200),
            "> ".repeat(60) + "deep quote",
            "  ".repeat(30) + "- ".repeat(30) + "deep list",
            "[".repeat(100) + "x" + "](".repeat(100),
            "a\u0000b\u200bc\uFEFFd");

    private static final String[] FRAGMENTS = {"**", "*", "_", "__", "`", "```", "~~", "\n", "\n\n", "> ", "- ",
        "1. ", "# ", "[", "]", "(", ")", "](", "![", "<b>", "</b>", "<", ">", "&", "&amp;", "&#", ";", "|", "|---|",
        "---", "http://x.y/", "javascript:", "tg://", " ", "word", "😀", "中", "    ", "\\", "\"", "'", "<a href=",
        "<pre>", "</code>", "<tg-spoiler>", "\t", "2) ", "~~~", "==="};

    private MarkdownReplies() {
    }

    /** The written corpus and {@code random} replies made of Markdown's special characters, from a fixed seed. */
    public static List<String> all(int random) {
        List<String> replies = new ArrayList<>(WRITTEN);
        var seeded = new Random(20_260_611);
        for (int n = 0; n < random; n++) {
            var reply = new StringBuilder();
            for (int length = 1 + seeded.nextInt(60); length > 0; length--) {
                reply.append(FRAGMENTS[seeded.nextInt(FRAGMENTS.length)]);
            }
            replies.add(reply.toString());
        }
        return replies;
    }
}
