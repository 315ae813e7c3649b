/**
 * Talking to language models: one {@link dev.starkbot.ai.AiService} in front of every provider (Claude through
 * anthropic-java, anything OpenAI-compatible through openai-java), with streaming, tool use, retries with backoff,
 * a fallback chain of provider and model pairs, cancellation, and token estimates. Conversations, personas and
 * usage live in their own modules; this one knows nothing of users' history.
 */
@ApplicationModule(displayName = "AI")
@NullMarked
package dev.starkbot.ai;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
