package dev.starkbot.platform.discord.internal;

import java.nio.charset.StandardCharsets;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.util.HtmlUtils;

import dev.starkbot.platform.discord.internal.DiscordInstall.Outcome;

/**
 * The small page the owner's browser shows at the end of the install link, often on a phone: one heading and a
 * sentence, no script. The policy headers keep the callback's query (code and state) from leaking through a
 * referrer, a cache or a frame.
 */
final class DiscordInstallPage {

    private static final String POLICY = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; "
            + "form-action 'none'; frame-ancestors 'none'";
    private static final String STYLE = "body{font-family:system-ui,sans-serif;max-width:36rem;margin:3rem auto;"
            + "padding:0 1rem;line-height:1.5;color:#1b1b1b}h1{font-size:1.5rem}";

    private DiscordInstallPage() {
    }

    static ResponseEntity<String> of(Outcome outcome) {
        return switch (outcome) {
            case Outcome.Added added -> page(200, "StarkBot was added to " + added.guildName(),
                    "You can close this page and go back to Discord."
                            + (added.missingPermissions().isEmpty() ? "" : " Some permissions it asked for were not "
                            + "granted (" + String.join(", ", added.missingPermissions()) + "); without them some "
                            + "replies may fail. A server admin can grant them in the server's settings."));
            case Outcome.Cancelled() -> page(200, "StarkBot was not added",
                    "You cancelled on Discord, so nothing changed. Use a new install link to try again.");
            case Outcome.Failed failed -> page(failed.status(), "StarkBot could not finish adding the bot",
                    failed.message());
        };
    }

    private static ResponseEntity<String> page(int status, String heading, String text) {
        String title = HtmlUtils.htmlEscape(heading);
        String html = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<meta name=\"referrer\" content=\"no-referrer\"><title>" + title + "</title><style>" + STYLE
                + "</style></head><body><h1>" + title + "</h1><p>" + HtmlUtils.htmlEscape(text)
                + "</p></body></html>\n";
        return ResponseEntity.status(status).contentType(new MediaType(MediaType.TEXT_HTML,
                        StandardCharsets.UTF_8)).cacheControl(CacheControl.noStore())
                .header("Content-Security-Policy", POLICY).header("Referrer-Policy", "no-referrer").body(html);
    }
}
