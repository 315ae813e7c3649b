package dev.starkbot.settings;

import java.nio.file.Path;
import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The configuration file itself. These two are read before the file is (they say where it is and how often to
 * look at it), so they belong on the command line or in the environment, not in the file.
 *
 * @param config              the TOML configuration file; default {@code config.toml} in the data directory.
 *                            Also {@code --config=path} on the command line. Env: {@code STARKBOT_CONFIG}.
 * @param configWatchInterval how often the file is checked for edits, which are validated and applied live.
 */
@ConfigurationProperties("starkbot")
public record ConfigFileProperties(@Nullable Path config, @DefaultValue("2s") Duration configWatchInterval) {
}
