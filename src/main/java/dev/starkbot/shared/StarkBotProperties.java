package dev.starkbot.shared;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings that belong to no single module.
 *
 * @param dataDir where StarkBot keeps its state: the SQLite database, its backups and, later, keys and files.
 *                Relative paths resolve against the working directory. Env: {@code STARKBOT_DATA_DIR}.
 */
@ConfigurationProperties("starkbot")
public record StarkBotProperties(@DefaultValue("./data") Path dataDir) {
}
