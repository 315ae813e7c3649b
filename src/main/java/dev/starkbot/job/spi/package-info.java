/** What modules implement to have work done in the background. */
@NamedInterface("spi")
@NullMarked
package dev.starkbot.job.spi;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
