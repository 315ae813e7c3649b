package dev.starkbot.platform.telegram.internal;

import dev.starkbot.platform.spi.MessageFormat;

/** Placeholder until the Markdown renderer lands: shows the Markdown as plain, escaped text. */
public final class TelegramHtml implements MessageFormat {

    @Override
    public int maxLength() {
        return 4096;
    }

    @Override
    public String render(String markdown) {
        return escape(markdown);
    }

    @Override
    public String escape(String plain) {
        return plain.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
