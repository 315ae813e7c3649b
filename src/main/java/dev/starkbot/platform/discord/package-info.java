/** Discord, through JDA: configuration. The adapter is internal. */
@NullMarked
package dev.starkbot.platform.discord;

import org.jspecify.annotations.NullMarked;
