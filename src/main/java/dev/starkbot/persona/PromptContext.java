package dev.starkbot.persona;

import java.time.Instant;
import java.time.ZoneId;

/**
 * What the built-in template variables are filled from.
 *
 * @param userName the person's display name ({@code user.name})
 * @param zone     their time zone ({@code timezone}, and the offset of {@code now})
 * @param now      the moment of the conversation turn ({@code now})
 * @param platform where the conversation happens, such as {@code telegram} or {@code web} ({@code platform})
 */
public record PromptContext(String userName, ZoneId zone, Instant now, String platform) {
}
