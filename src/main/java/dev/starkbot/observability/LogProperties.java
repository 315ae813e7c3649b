package dev.starkbot.observability;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How StarkBot writes its log to standard output.
 *
 * @param format {@code text} for people (the default), or {@code json} for one JSON object per line (Logstash
 *               layout: {@code @timestamp}, {@code level}, {@code message}, {@code requestId}, ...) for log
 *               collectors. Env: {@code STARKBOT_LOG_FORMAT}.
 */
@ConfigurationProperties("starkbot.log")
public record LogProperties(@DefaultValue("text") Format format) {

    public enum Format {
        TEXT,
        JSON
    }
}
