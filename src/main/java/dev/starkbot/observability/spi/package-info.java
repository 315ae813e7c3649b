/** What other modules implement to take part in {@code /health}. */
@NamedInterface("spi")
@NullMarked
package dev.starkbot.observability.spi;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
