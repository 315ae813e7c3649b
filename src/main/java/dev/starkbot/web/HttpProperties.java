package dev.starkbot.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits of the HTTP API.
 *
 * @param maxBodySize largest request body accepted; a larger one is refused with 413 before it is read whole,
 *                    whether it declares its length or is sent chunked. A file upload route has its own limit
 *                    instead ({@code starkbot.conversations.max-upload-bytes}). Env:
 *                    {@code STARKBOT_HTTP_MAX_BODY_SIZE}.
 */
@ConfigurationProperties("starkbot.http")
public record HttpProperties(@DefaultValue("1MB") DataSize maxBodySize) {
}
