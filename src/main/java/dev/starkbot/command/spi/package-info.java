/** What modules, platforms and plugins implement to add a command: one {@code Command} bean each. */
@NamedInterface("spi")
@NullMarked
package dev.starkbot.command.spi;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
