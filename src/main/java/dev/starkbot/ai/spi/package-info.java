/**
 * What providers and tools implement: a new model vendor is one {@code LlmProvider}, a new ability one
 * {@code Tool}.
 */
@NamedInterface("spi")
@NullMarked
package dev.starkbot.ai.spi;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
