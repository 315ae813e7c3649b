/**
 * Conversations with memory: messages with their content blocks, token counts and usage; the turn that asks the
 * model, runs its tools and streams the reply; a context assembled newest first within the model's window; summaries
 * of older turns that never delete them and can be undone; facts a person pinned; full-text search.
 */
@ApplicationModule(displayName = "Conversations")
@NullMarked
package dev.starkbot.conversation;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
