package dev.starkbot.shared;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings that belong to no single module.
 *
 * @param dataDir where StarkBot keeps its state: the SQLite database and its backups, {@code config.toml}, the
 *                master key file and, later, files. A relative path resolves against the working directory. It
 *                is created when missing, readable by its owner only (mode 700). Env: {@code STARKBOT_DATA_DIR}.
 */
@ConfigurationProperties("starkbot")
public record StarkBotProperties(@DefaultValue("./data") Path dataDir) {
}
