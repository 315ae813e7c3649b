package dev.starkbot.database;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * The outcome of one round trip to the database.
 *
 * @param up        whether the database answered in time
 * @param roundTrip how long the answer took (or how long we waited, when it did not answer)
 * @param problem   a short reason when down, safe to show to anyone (no URLs, no credentials)
 */
public record DatabasePing(boolean up, Duration roundTrip, @Nullable String problem) {
}
