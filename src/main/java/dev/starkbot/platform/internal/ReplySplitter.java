package dev.starkbot.platform.internal;

import java.util.ArrayList;
import java.util.List;

import dev.starkbot.platform.spi.MessageFormat;

/** Placeholder until the Markdown-aware splitter lands: cuts rendered text at the limit. */
public final class ReplySplitter {

    private ReplySplitter() {
    }

    public static List<String> split(String markdown, MessageFormat format) {
        return split(markdown, format, format.maxLength());
    }

    public static List<String> split(String markdown, MessageFormat format, int maxLength) {
        List<String> chunks = new ArrayList<>();
        String rest = markdown;
        while (rest.length() > maxLength) {
            chunks.add(format.render(rest.substring(0, maxLength)));
            rest = rest.substring(maxLength);
        }
        if (!rest.isBlank() || chunks.isEmpty()) {
            chunks.add(format.render(rest));
        }
        return chunks;
    }
}
