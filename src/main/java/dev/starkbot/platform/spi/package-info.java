/** What a chat platform adapter implements: a small required core and the optional capabilities it truly has. */
@NamedInterface("spi")
@NullMarked
package dev.starkbot.platform.spi;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
