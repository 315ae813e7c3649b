/** What modules that store sealed values declare, so that key rotation can re-encrypt them. */
@NamedInterface("spi")
@NullMarked
package dev.starkbot.crypto.spi;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
