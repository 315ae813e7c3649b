package dev.starkbot.shared;

import java.util.Set;

/**
 * {@code config.toml} changed and the new version was valid.
 *
 * @param applied         changed keys now in force
 * @param restartRequired changed keys that take effect at the next start
 */
public record ConfigurationReloaded(Set<String> applied, Set<String> restartRequired) {
}
