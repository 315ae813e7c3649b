/**
 * Tokens and estimated cost: recorded per model call, summed per user, day and model, shown at {@code /api/usage},
 * and held against each user's daily and monthly token budgets, which refuse new requests once spent.
 */
@ApplicationModule(displayName = "Usage")
@NullMarked
package dev.starkbot.usage;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
