/**
 * Runtime settings kept in the database and changed through {@code /api/settings} without a restart: global ones
 * by admins, per-user ones by each user for themselves. Every setting is declared with a type and constraints
 * ({@link dev.starkbot.settings.SettingDefinition} beans), validated on write, published as a schema for forms, and
 * announced with a {@link dev.starkbot.settings.SettingChanged} event. Secret settings are sealed at rest and never
 * read back through the API.
 */
@ApplicationModule(displayName = "Settings")
@NullMarked
package dev.starkbot.settings;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
